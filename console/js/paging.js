// Lists page with the API's continuation tokens: one page at a time, never the whole list.
import { h, clear, problemView } from './dom.js';

/**
 * Renders page after page of fetchPage({ pageSize, continuationToken }) into container.
 * Keeps the tokens of pages already seen, so Previous goes back without re-reading from the start.
 */
export function pagedList(container, { fetchPage, render, pageSize = 20, label = 'Results' }) {
  const tokens = [undefined];
  let index = 0;

  async function load() {
    clear(container).append(h('p', { class: 'empty', role: 'status' }, 'Loading…'));
    let page;
    try {
      page = await fetchPage({ pageSize, continuationToken: tokens[index] });
    } catch (error) {
      clear(container).append(problemView(error));
      return;
    }
    tokens[index + 1] = page.continuationToken ?? undefined;
    const previous = h('button', { type: 'button', onclick: () => { index -= 1; load(); } }, 'Previous page');
    const next = h('button', { type: 'button', onclick: () => { index += 1; load(); } }, 'Next page');
    previous.disabled = index === 0;
    next.disabled = !page.continuationToken;
    clear(container).append(
      render(page.items ?? []),
      h('nav', { class: 'pager', 'aria-label': `${label} pages` }, previous, h('span', null, `Page ${index + 1}`), next));
  }

  load();
  return {
    /** Back to the first page (after a new query). */
    reset() { tokens.length = 1; index = 0; return load(); },
    /** Reloads the page on screen (after a change). */
    refresh: load,
  };
}
