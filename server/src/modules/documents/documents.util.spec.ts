import { canonicalDocumentsPath } from './documents.util';

describe('canonicalDocumentsPath', () => {
  const id = '0b7c1c9e-6f7a-4f3e-9a51-3d2f1e0a9b8c';
  it('leaves a canonical path alone', () => {
    expect(canonicalDocumentsPath(`/api/workspaces/${id}/documents/${id}`)).toBeNull();
    expect(canonicalDocumentsPath(`/api/workspaces/${id}/documents`)).toBeNull();
  });
  it('lower-cases ids and drops trailing slashes', () => {
    expect(canonicalDocumentsPath(`/api/workspaces/${id}/documents/${id.toUpperCase()}`)).toBe(
      `/api/workspaces/${id}/documents/${id}`,
    );
    expect(canonicalDocumentsPath(`/api/workspaces/${id}/documents/${id}/versions//`)).toBe(
      `/api/workspaces/${id}/documents/${id}/versions`,
    );
  });
});
