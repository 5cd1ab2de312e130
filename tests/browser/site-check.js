// Opens every page of a site made by `zi-report site` in headless Chromium
// (Debian's, through puppeteer-core) at 390 px and 1280 px wide: keeps a
// screenshot of each, fails on any serious or critical axe-core violation,
// (every page but the months of the archive between its oldest and its
// newest, which share their template), on a page wider than a 390 px phone, on a request that leaves the tree
// (the site is self-contained), and on an internal link (href, src) that
// names no file of the tree or no element of the page.
// Usage: node site-check.js SITE_DIR ARTIFACT_DIR [CHROMIUM]
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');
const puppeteer = require('puppeteer-core');
const axePath = require.resolve('axe-core/axe.min.js');

const [site, art, chromium = '/usr/bin/chromium'] = process.argv.slice(2);
const root = path.resolve(site);
fs.mkdirSync(art, { recursive: true });

function pages(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pages(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

(async () => {
  const all = pages(root);
  const archive = all.filter((p) => /archive[\\/]\d{4}-\d{2}\.html$/.test(p));
  const newest = archive[archive.length - 1];
  const problems = [];
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
  });
  let shots = 0;
  const spent = { goto: 0, shot: 0, axe: 0 };
  const tick = () => Date.now();
  try {
    const page = await browser.newPage();
    page.on('request', (req) => {
      const u = req.url();
      if (!u.startsWith('file:') && !u.startsWith('data:'))
        problems.push(`request outside the site: ${u} (from ${page.url()})`);
    });
    for (const file of all) {
      const rel = path.relative(root, file);
      const url = pathToFileURL(file).href;
      // an archive month other than the newest: its first screen only (they
      // are long, and alike)
      const full = !archive.includes(file) || file === newest;
      for (const width of [390, 1280]) {
        await page.setViewport({ width, height: 844 });
        let t0 = tick();
        await page.goto(url, { waitUntil: 'load' });
        spent.goto += tick() - t0; t0 = tick();
        const name = rel.replace(/[\\/]/g, '_').replace(/\.html$/, '');
        await page.screenshot({ path: path.join(art, `${name}-${width}.png`), fullPage: full });
        shots++;
        spent.shot += tick() - t0; t0 = tick();
        if (width === 390) {
          const over = await page.evaluate(() => {
            const w = document.documentElement.clientWidth;
            const sw = document.documentElement.scrollWidth;
            if (sw <= w + 1) return null;
            // the widest element that sticks out, to say what to fix
            let worst = null;
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.right > w + 1 && (!worst || r.right > worst.right))
                worst = { right: Math.round(r.right), tag: el.tagName, cls: el.className };
            }
            return { sw, w, worst };
          });
          if (over) problems.push(`${rel}: wider than the phone (${over.sw} > ${over.w} px): ${JSON.stringify(over.worst)}`);
        }
        // axe on every page at both widths, but of the archive (one
        // template, the months apart only in their numbers) on the oldest
        // and the newest month alone: axe takes a second a page
        if (archive.includes(file) && file !== newest && file !== archive[0]) continue;
        t0 = tick();
        await page.addScriptTag({ path: axePath });
        const res = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
        });
        spent.axe += tick() - t0;
        for (const v of res)
          if (v.impact === 'serious' || v.impact === 'critical')
            problems.push(`${rel} at ${width} px: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
      }
      // every internal link and source names a file of the tree (and the
      // element a fragment names exists)
      const links = await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll('[href],[src]')) {
          const raw = el.getAttribute('href') ?? el.getAttribute('src');
          out.push({ raw, abs: new URL(raw, document.baseURI).href });
        }
        return out;
      });
      for (const { raw, abs } of links) {
        if (raw.startsWith('data:')) continue;
        if (!abs.startsWith('file:')) {
          problems.push(`${rel}: link outside the site: ${raw}`);
          continue;
        }
        const u = new URL(abs);
        const target = fileURLToPath(u.origin === 'null' ? `file://${u.pathname}` : abs.split('#')[0]);
        if (!path.resolve(target).startsWith(root + path.sep)) {
          problems.push(`${rel}: link leaves the site: ${raw}`);
          continue;
        }
        if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
          problems.push(`${rel}: broken link: ${raw}`);
          continue;
        }
        if (u.hash && path.resolve(target) === path.resolve(file)) {
          const id = decodeURIComponent(u.hash.slice(1));
          const there = await page.evaluate((i) => !!document.getElementById(i), id);
          if (!there) problems.push(`${rel}: link to a missing element: ${raw}`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`time spent (ms): ${JSON.stringify(spent)}`);
  console.log(`${all.length} pages opened at 390 and 1280 px, ${shots} screenshots in ${art}`);
  if (problems.length) {
    for (const p of problems.slice(0, 60)) console.log(`FAIL ${p}`);
    if (problems.length > 60) console.log(`... and ${problems.length - 60} more`);
    process.exit(1);
  }
  console.log('ok: no serious or critical axe violation, no overflow at 390 px, every link resolves');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
