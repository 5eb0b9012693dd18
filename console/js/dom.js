// DOM building without HTML strings: every value becomes a text node or an attribute, never markup.
// (No HTML-parsing DOM API is used anywhere in the console; a test reads the sources to keep it so.)

/** Creates an element. props: attributes, `on<event>` listeners, `value`/`checked` properties. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends nodes or text (strings, numbers) to an element; null, undefined and false are skipped. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

let nextId = 0;
/** A unique id for label/aria wiring. */
export const uid = prefix => `${prefix}-${++nextId}`;

/** A labelled control: <label for=…>Text</label> <input id=…> (the label alone names it). */
export function field(text, control) {
  control.id ||= uid('field');
  return h('div', { class: 'field' }, h('label', { for: control.id }, text), control);
}

export function checkbox(text, props) {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', ...props }), text);
}

export function select(name, options, selected) {
  return h('select', { name },
    options.map(([value, text]) => h('option', { value, selected: value === selected }, text)));
}

/** A table with a caption, column headers and one row per item; cell() returns text or nodes. */
export function table(caption, columns, items) {
  if (items.length === 0) {
    return h('div', { class: 'table-wrap' }, h('p', { class: 'empty' }, `${caption}: nothing to show.`));
  }
  return h('div', { class: 'table-wrap' }, h('table', null,
    h('caption', null, caption),
    h('thead', null, h('tr', null, columns.map(c => h('th', { scope: 'col' }, c.label)))),
    h('tbody', null, items.map(item => h('tr', null, columns.map(c => h('td', { class: c.className }, c.cell(item))))))));
}

/** An amount exactly as the API wrote it, with its currency. */
export const amount = (value, currency) => (value === null || value === undefined ? '' : currency ? `${value} ${currency}` : String(value));

/** A date-time the API wrote (ISO 8601, UTC): shown to the minute, the exact value in datetime and title. */
export function time(value) {
  if (!value) return '';
  const utc = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})[^Z+-]*(Z|\+00:00)$/.exec(value);
  return h('time', { datetime: value, title: value }, utc ? `${utc[1]} ${utc[2]} UTC` : value);
}

export function actions(...buttons) {
  return h('div', { class: 'actions' }, buttons);
}

/** Problem details (RFC 9457) or any error, as an alert: title, detail and the stable code. */
export function problemView(error) {
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', null, error.title ?? 'Something went wrong'),
    error.detail ? h('span', { class: 'detail' }, error.detail) : null,
    error.code ? h('div', { class: 'code' }, `code: ${error.code}${error.field ? `, field: ${error.field}` : ''}`) : null);
}

export function notice(text, className = 'notice') {
  return h('div', { class: className, role: 'status' }, text);
}

/**
 * A modal form in a <dialog> (focus is trapped, Escape closes). onSubmit(form) may throw an API error:
 * it is shown inside the dialog, which stays open. Resolves with onSubmit's result, or null if cancelled.
 */
export function formDialog({ title, body, submitLabel = 'OK', danger = false, onSubmit }) {
  return new Promise(resolve => {
    const headingId = uid('dialog-title');
    const errors = h('div', { 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel);
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const form = h('form', { novalidate: true }, h('h2', { id: headingId }, title), body, errors, h('div', { class: 'buttons' }, cancel, submit));
    const dialog = h('dialog', { 'aria-labelledby': headingId }, form);
    let result = null;
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      clear(errors);
      submit.disabled = true;
      try {
        result = (await onSubmit(form)) ?? true;
        dialog.close();
      } catch (error) {
        errors.append(problemView(error));
        submit.disabled = false;
      }
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Comma-, space- or line-separated values as a list. */
export const splitList = text => String(text ?? '').split(/[\s,;]+/).map(s => s.trim()).filter(Boolean);
