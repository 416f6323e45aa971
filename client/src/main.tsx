import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers } from './app/providers';
import { AppRoutes } from './app/router';
import './index.css';

// A page chunk that no longer exists (a new version was deployed while this tab was open):
// load the new version once instead of showing nothing.
window.addEventListener('vite:preloadError', (event) => {
  if (sessionStorage.getItem('coalesce.reloadedForChunk')) return;
  sessionStorage.setItem('coalesce.reloadedForChunk', '1');
  event.preventDefault();
  window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
