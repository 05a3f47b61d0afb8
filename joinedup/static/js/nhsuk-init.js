// Starts the NHS.UK frontend's components: the header's "More" menu when the navigation
// overflows, error summaries taking focus, conditional radios and checkboxes, and the rest.
// The bundle is an ES module that only exports initAll; nothing runs until it is called.
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

initAll();
