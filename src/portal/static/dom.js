/**
 * Small DOM helpers. Every piece of data reaches the page through
 * `textContent` or an attribute value, never through HTML parsing, so text
 * from Epicor or the database always shows as text.
 */

/**
 * Creates an element with optional class, text, attributes and children.
 * @param {string} tag
 * @param {{ className?: string, text?: string, attributes?: Record<string, string> }} [options]
 * @param {Array<Node | string | null | undefined | false>} [children]
 * @returns {HTMLElement}
 */
export function element(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) {
    node.className = options.className;
  }
  if (options.text !== undefined) {
    node.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) {
      node.append(child);
    }
  }
  return node;
}

/**
 * Returns the element with this id; throws when the page lacks it, which is a bug in index.html.
 * @param {string} id
 * @returns {any}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`The page has no element #${id}; index.html and app.js are out of step.`);
  }
  return node;
}

/**
 * Shows or hides an element, optionally setting its text first.
 * @param {HTMLElement} node
 * @param {boolean} visible
 * @param {string} [text]
 */
export function showText(node, visible, text) {
  if (text !== undefined) {
    node.textContent = text;
  }
  node.hidden = !visible;
}

/**
 * Formats a count with its noun: "1 row", "3 rows".
 * @param {number} count
 * @param {string} singular
 * @param {string} [plural]
 */
export function countOf(count, singular, plural = `${singular}s`) {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}
