import { en } from './i18n/en';
import { errorsEn } from './i18n/errors.en';
import { errorsNl } from './i18n/errors.nl';
import { registerCatalog } from './i18n/i18n';
import { landingEn } from './i18n/landing.en';
import { landingNl } from './i18n/landing.nl';
import { nl } from './i18n/nl';
import { pagesEn } from './i18n/pages.en';
import { pagesNl } from './i18n/pages.nl';

// The app downloads one language, part by part; tests read both languages whole, synchronously.
registerCatalog('en', 'core', en);
registerCatalog('en', 'pages', pagesEn);
registerCatalog('en', 'landing', landingEn);
registerCatalog('en', 'errors', errorsEn);
registerCatalog('nl', 'core', nl);
registerCatalog('nl', 'pages', pagesNl);
registerCatalog('nl', 'landing', landingNl);
registerCatalog('nl', 'errors', errorsNl);
