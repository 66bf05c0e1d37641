/** The sub-path build that shows the site works under a GitHub Pages project path (npm run test:subpath). */
export const SUBPATH_BASE_URL = '/handbook/';
/** Its output folder, beside build/ (ignored by git). */
export const SUBPATH_OUT_DIR = 'build-subpath';
