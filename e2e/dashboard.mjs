// End-to-end check of the sitrep web dashboard in headless Chromium.
//
//   BASE_URL=http://127.0.0.1:8787 node e2e/dashboard.mjs
//
// Env: BASE_URL (required), E2E_COUNTRY (default UA), CHROMIUM (default /usr/bin/chromium).
// Prints one line per check; exits 1 on the first failure, 0 when all pass.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.BASE_URL || '').replace(/\/+$/, '');
const COUNTRY = process.env.E2E_COUNTRY || 'UA';
const STEP_MS = 15_000;
const TOTAL_MS = 60_000;
const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

let passed = 0;
let browser;

// Print a passing check.
function ok(msg) {
  passed += 1;
  console.log(`ok ${passed} - ${msg}`);
}

// Print a failing check and exit 1.
async function fail(msg) {
  console.log(`not ok - ${msg}`);
  console.log(`${passed} passed, 1 failed`);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
}

// Run one step with its own timeout; a thrown error or timeout fails the run.
async function step(name, fn) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${STEP_MS / 1000} s`)), STEP_MS);
  });
  try {
    const detail = await Promise.race([fn(), timeout]);
    ok(detail ? `${name}: ${detail}` : name);
  } catch (e) {
    await fail(`${name}: ${e.message.split('\n')[0]}`);
  } finally {
    clearTimeout(timer);
  }
}

// Throw unless cond holds.
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function main() {
  if (!BASE_URL) await fail('BASE_URL is not set (e.g. BASE_URL=http://127.0.0.1:8787)');
  const overall = setTimeout(() => fail(`whole run exceeded ${TOTAL_MS / 1000} s`), TOTAL_MS);

  await step('launch chromium', async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox'],
      headless: true,
    });
    return browser.version();
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(STEP_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) pageErrors.push(`HTTP ${r.status()} for ${r.url()}`);
  });

  await step(`open ${BASE_URL}/`, async () => {
    const res = await page.goto(`${BASE_URL}/`, { waitUntil: 'domcontentloaded' });
    check(res && res.ok(), `HTTP ${res && res.status()}`);
    return `HTTP ${res.status()}`;
  });

  await step('incident list has items', async () => {
    await page.locator('#incident-list .incident-item').first().waitFor();
    return `${await page.locator('#incident-list .incident-item').count()} rows`;
  });

  await step('map has markers or clusters', async () => {
    await page.locator('#map svg').waitFor();
    await page.locator('#map svg .marker, #map svg .cluster').first().waitFor();
    const m = await page.locator('#map svg .marker').count();
    const c = await page.locator('#map svg .cluster').count();
    return `${m} markers, ${c} clusters`;
  });

  await step(`select country ${COUNTRY}`, async () => {
    const values = await page.locator('#filter-country option').evaluateAll((os) => os.map((o) => o.value));
    check(values.includes(COUNTRY), `no option ${COUNTRY} in #filter-country (have: ${values.filter(Boolean).join(', ')})`);
    await page.selectOption('#filter-country', COUNTRY);
    await page.waitForURL((u) => new URL(u).searchParams.get('country') === COUNTRY);
    return page.url();
  });

  await step(`every listed incident shows and involves ${COUNTRY}`, async () => {
    await page.locator('#incident-list[aria-busy="false"]').waitFor();
    const items = page.locator('#incident-list .incident-item');
    await items.first().waitFor();
    const rows = await items.evaluateAll((els) => els.map((e) => ({
      id: e.dataset.incidentId, countries: (e.dataset.countries || '').split(' '),
      visible: !!(e.offsetWidth || e.offsetHeight) && e.textContent.trim().length > 0,
    })));
    check(rows.length > 0, 'no incidents listed');
    const hidden = rows.filter((r) => !r.visible);
    check(!hidden.length, `incidents not shown: ${hidden.map((r) => r.id).join(', ')}`);
    const other = rows.filter((r) => !r.countries.includes(COUNTRY));
    check(!other.length, `incidents not involving ${COUNTRY}: ${other.map((r) => r.id).join(', ')}`);
    return `${rows.length} rows`;
  });

  let chosen;
  await step('open an incident with accounts from two sides', async () => {
    const rows = await page.locator('#incident-list .incident-item').evaluateAll((els) => els.map((e) => ({
      id: e.dataset.incidentId, sides: (e.dataset.sides || '').split(' ').filter(Boolean),
    })));
    const named = (r) => r.sides.filter((x) => x !== 'unattributed').length;
    chosen = rows.find((r) => named(r) >= 2) || rows.find((r) => r.sides.length >= 2);
    check(chosen, `no listed incident has two sides (${rows.length} rows)`);
    await page.locator(`#incident-list .incident-item[data-incident-id="${chosen.id}"]`).click();
    await page.waitForURL((u) => new URL(u).searchParams.get('incident') === chosen.id);
    await page.locator('#incident-detail[aria-busy="false"]').waitFor();
    const err = await page.locator('#incident-detail .error').count();
    check(!err, `detail failed: ${err && await page.locator('#incident-detail .error').first().textContent()}`);
    return `incident ${chosen.id} (sides: ${chosen.sides.join(', ')})`;
  });

  await step('detail shows at least two side columns', async () => {
    const sides = await page.locator('#incident-detail .side').evaluateAll((els) => els.map((e) => e.dataset.side));
    check(sides.length >= 2, `only ${sides.length} .side column(s): ${sides.join(', ')}`);
    const headed = await page.locator('#incident-detail .side > h3').count();
    check(headed === sides.length, 'a side column has no heading');
    return sides.join(', ');
  });

  await step('detail highlights a <mark> inside a quoted source sentence', async () => {
    const marks = page.locator('#incident-detail q mark');
    const n = await marks.count();
    check(n > 0, 'no mark inside a q in #incident-detail');
    return `${n} marks, first "${await marks.first().textContent()}"`;
  });

  await step('screenshot e2e/out/dashboard.png', async () => {
    await mkdir(OUT_DIR, { recursive: true });
    const file = path.join(OUT_DIR, 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    return file;
  });

  await step('timeline chart is drawn', async () => {
    await page.locator('#timeline svg, #timeline p').first().waitFor();
    return `${await page.locator('#timeline svg').count()} chart(s)`;
  });

  await step('brief view shows a headline', async () => {
    await page.locator('a[data-view="brief"]').click();
    await page.waitForURL((u) => new URL(u).searchParams.get('view') === 'brief');
    const h1 = page.locator('#brief h1').first(); // CSS locators pierce the open shadow root
    await h1.waitFor();
    const text = (await h1.textContent()).trim();
    check(text.length > 0, 'the brief headline is empty');
    await page.screenshot({ path: path.join(OUT_DIR, 'brief.png'), fullPage: true });
    return `"${text}"`;
  });

  await step('ceasefire view renders', async () => {
    await page.locator('a[data-view="ceasefire"]').click();
    await page.waitForURL((u) => new URL(u).searchParams.get('view') === 'ceasefire');
    await page.locator('#ceasefire section h3').first().waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'ceasefire.png'), fullPage: true });
    return `${await page.locator('#ceasefire section').count()} sections`;
  });

  await step('no JavaScript errors on the page', async () => {
    check(!pageErrors.length, pageErrors.join(' | '));
  });

  clearTimeout(overall);
  await browser.close();
  console.log(`${passed} passed, 0 failed`);
}

main().catch((e) => fail(e.message));
