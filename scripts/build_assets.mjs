// Copies the pinned front-end packages into joinedup/static/vendor so that
// WhiteNoise serves them: no CDN, the machine may be offline.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const out = "joinedup/static/vendor";
mkdirSync(out, { recursive: true });
const nhsuk = "node_modules/nhsuk-frontend/dist/nhsuk";
mkdirSync(`${out}/nhsuk`, { recursive: true });
// The stylesheet points its icons at /assets/ (site root); ours live beside it under static/.
const css = readFileSync(`${nhsuk}/nhsuk-frontend.min.css`, "utf8").replaceAll("url(/assets/", "url(assets/");
writeFileSync(`${out}/nhsuk/nhsuk-frontend.min.css`, css);
cpSync(`${nhsuk}/nhsuk-frontend.min.js`, `${out}/nhsuk/nhsuk-frontend.min.js`);
// The source maps the minified files name: production's manifest storage refuses a missing one.
for (const map of ["nhsuk-frontend.min.css.map", "nhsuk-frontend.min.js.map"]) {
  if (existsSync(`${nhsuk}/${map}`)) cpSync(`${nhsuk}/${map}`, `${out}/nhsuk/${map}`);
}
cpSync(`${nhsuk}/assets`, `${out}/nhsuk/assets`, { recursive: true });
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx/htmx.min.js`, { recursive: true });
console.log(`assets copied to ${out}`);
