// How vouchers and templates describe what they apply to, in the seed's words.
import { h } from './dom.js';
import { get } from './api.js';

let blocklist = null;

/** The vendor blocklist (GET /api/catalogue/blocklist), read once per page view. */
export async function loadBlocklist() {
  try {
    blocklist = (await get('/api/catalogue/blocklist')).products ?? [];
  } catch {
    blocklist = null;
  }
  return blocklist;
}

/** Product scope as text; "all products" names the vendor blocklist, listed on hover or focus. */
export function productScopeView(scope, { frozenBlocklist } = {}) {
  const products = (scope?.products ?? []).join(', ');
  switch (scope?.kind) {
    case 'allowList':
      return `Specified products: ${products}`;
    case 'blockList':
      return `All products except: ${products}`;
    default: {
      const list = frozenBlocklist ?? blocklist;
      const text = list === null ? 'The vendor blocklist could not be read.' : list.length ? `Not applicable: ${list.join(', ')}` : 'The vendor blocklist is empty.';
      return h('span', null, 'All products except the ', h('span', { class: 'hint', tabindex: 0, title: text, 'aria-label': `blocklist. ${text}` }, 'blocklist'));
    }
  }
}

export const paymentModeText = mode => ({ all: 'Prepaid and postpaid', prepaid: 'Prepaid only', postpaid: 'Postpaid only' }[mode] ?? mode ?? '');

export const validityText = v => (v?.end ? `Until ${v.end}` : v?.days ? `${v.days} days` : '');

export const purposeText = p => ({ general: 'General', productTrial: 'Product Trial', customerDiscount: 'Customer Discount' }[p] ?? p ?? '');

export const typeText = t => ({ typeI: 'Type I', typeII: 'Type II', typeIII: 'Type III' }[t] ?? t ?? '');
