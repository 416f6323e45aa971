import { en } from './i18n/en';
import { registerCatalog } from './i18n/i18n';
import { nl } from './i18n/nl';
import { pagesEn } from './i18n/pages.en';
import { pagesNl } from './i18n/pages.nl';

// The app downloads one language, part by part; tests read both languages whole, synchronously.
registerCatalog('en', 'core', en);
registerCatalog('en', 'pages', pagesEn);
registerCatalog('nl', 'core', nl);
registerCatalog('nl', 'pages', pagesNl);
