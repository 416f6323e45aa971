import { originPolicy } from './origin.util';

describe('originPolicy', () => {
  it('with PUBLIC_URL: only its origin (plus localhost outside production)', () => {
    const prod = originPolicy({ env: 'production', http: { publicUrl: 'https://app.example/x' } });
    expect(prod('https://app.example', 'app.example')).toBe(true);
    expect(prod('https://evil.example', 'app.example')).toBe(false);
    expect(prod('http://localhost:5173', 'app.example')).toBe(false);
    expect(prod('null', 'app.example')).toBe(false);
    expect(prod(undefined, 'app.example')).toBe(true);
    const dev = originPolicy({ env: 'development', http: { publicUrl: 'https://app.example' } });
    expect(dev('http://localhost:5173', 'app.example')).toBe(true);
    expect(dev('http://127.0.0.1:3000', 'x')).toBe(true);
  });

  it('without PUBLIC_URL: the same origin as the request', () => {
    const p = originPolicy({ env: 'production', http: { publicUrl: undefined } });
    expect(p('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(p('https://evil.example', 'localhost:3000')).toBe(false);
  });
});
