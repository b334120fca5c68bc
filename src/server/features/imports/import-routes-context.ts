import type { AppContext } from '../../app-context.js';
import type { ImportJobs } from './import-jobs.js';

/** What the import routes receive: the app's context and, optionally, the job store to use. */
export interface ImportRoutesContext extends AppContext {
  /** By default one store per app with limits from the environment. */
  importJobs?: ImportJobs;
}
