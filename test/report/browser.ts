import * as fs from 'fs';

/** Where a Chromium or Chrome may be: CHROMIUM_PATH first, then Debian's chromium package. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser binary to drive, if one is installed (never downloaded). */
export function findBrowser(): string | undefined {
  return CANDIDATES.find((p): p is string => p !== undefined && p !== '' && fs.existsSync(p));
}

/**
 * Says once why browser tests do not run: where no browser can be installed they are skipped with
 * this notice; in CI (CI=true) a missing browser is a failure, since .ci/run installs chromium.
 */
export const NO_BROWSER_NOTICE = 'SKIPPED: no Chromium found (install Debian\'s chromium, `apt-get install -y chromium`, or set CHROMIUM_PATH): the HTML report was not opened in a browser.';
