import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers } from './app/providers';
import { AppRoutes } from './app/router';
import { activeLocale, loadCatalog } from './i18n/i18n';
import './index.css';

// A page chunk that no longer exists (a new version was deployed while this tab was open):
// load the new version once instead of showing nothing.
window.addEventListener('vite:preloadError', (event) => {
  if (sessionStorage.getItem('coalesce.reloadedForChunk')) return;
  sessionStorage.setItem('coalesce.reloadedForChunk', '1');
  event.preventDefault();
  window.location.reload();
});

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </Providers>
    </StrictMode>,
  );
}

// Only the reader's language is downloaded (route-preload starts it beside this chunk); the
// first render waits for it so every text is there at once. Should it fail (offline, or a newer
// deployment: see vite:preloadError above), the page still renders rather than stay blank.
loadCatalog(activeLocale()).then(render, render);
