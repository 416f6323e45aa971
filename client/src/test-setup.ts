import { en } from './i18n/en';
import { registerCatalog } from './i18n/i18n';
import { nl } from './i18n/nl';

// The app downloads one language at a time; tests read both, synchronously.
registerCatalog('en', en);
registerCatalog('nl', nl);
