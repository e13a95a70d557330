// Making the page's elements: text goes in as text, never as markup.

export function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

// A click that opens a link elsewhere (another tab, a window) is the browser's to follow.
export const elsewhere = (event) => Boolean(event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
