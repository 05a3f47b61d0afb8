// Adding an action the reader missed: selecting words in the letter fills the form's quote and
// the offsets of those words in the letter's text. The server checks the offsets against the
// quote (and searches for the quote when they disagree), so this script only saves typing.
//
// Each run of the letter's text sits in an element with data-start, its offset in the letter
// as the server counts it: in characters (code points), not the UTF-16 units JavaScript counts.

const letter = document.querySelector("[data-letter-text]");
const form = document.querySelector("[data-missed-action-form]");

function codePoints(text) {
  return Array.from(text).length;
}

// The selected span of the letter's text, or null when the selection is not in the letter.
function selectedSpan(range) {
  let start = null;
  let end = null;
  let quote = "";
  for (const run of letter.querySelectorAll("[data-start]")) {
    const node = run.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE || !range.intersectsNode(node)) {
      continue;
    }
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.data.length;
    if (to <= from) {
      continue;
    }
    const runStart = Number(run.dataset.start) + codePoints(node.data.slice(0, from));
    const part = node.data.slice(from, to);
    if (start === null) {
      start = runStart;
    }
    end = runStart + codePoints(part);
    quote += part;
  }
  return start === null || !quote.trim() ? null : { start, end, quote };
}

if (letter && form) {
  const quoteField = form.querySelector("textarea[name$='quote']");
  const startField = form.querySelector("input[name$='start']");
  const endField = form.querySelector("input[name$='end']");
  const status = form.querySelector("[aria-live]");

  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!letter.contains(range.commonAncestorContainer)) {
      return;
    }
    const span = selectedSpan(range);
    if (!span) {
      return;
    }
    quoteField.value = span.quote.trim();
    startField.value = String(span.start);
    endField.value = String(span.end);
    if (status) {
      status.textContent = "The words you selected are in the form below: choose the kind of action and add it.";
    }
  });

  // Typed or pasted words have no offsets: the server finds them in the letter instead.
  quoteField.addEventListener("input", () => {
    startField.value = "";
    endField.value = "";
  });
}
