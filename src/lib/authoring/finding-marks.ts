/**
 * Each finding of a refused save next to its field (issue 22), in the editor's page only
 * (pages/editor.astro; dev only). Keystatic shows the save's answer as a summary banner and renders
 * its own forms, with no hook to add an error to a field. So this script reads the targets the API
 * sends with a refused save (the `x-finding-targets` header, ./finding-targets.ts) and marks the
 * fields in the page as Keystatic draws them, found by the accessible names Keystatic gives them:
 * a field by its label, a list by its grid's name and row number, a lesson component by its block's
 * label and position. It redraws its marks whenever Keystatic redraws (a dialog opens, a list
 * scrolls), since Keystatic keeps no marks of ours. Names are what a screen reader announces, so
 * they are the part of Keystatic's markup least likely to change; class names are generated.
 *
 * A marked field gets `aria-invalid` and `aria-describedby` pointing at the message shown under it;
 * a list item or a component block that holds the field gets a message too, so the author can find
 * which item to open.
 */
import type { FindingTarget, Step } from './finding-targets';

const MARK = 'data-finding-mark';
const SCOPED = 'data-finding-described';
let targets: FindingTarget[] = [];
let targetsFor = '';
/** The steps each open dialog stands for: which item or block was opened to show it. */
const dialogSteps = new WeakMap<Element, Step[]>();
let opened: Element | null = null;

const sameStep = (a: Step, b: Step) => ('list' in a && 'list' in b && a.list === b.list && a.index === b.index) || ('component' in a && 'component' in b && a.component === b.component && a.index === b.index);
const labelText = (el: Element) => (el.textContent ?? '').replace(/\*$/, '').trim();

function scopeOf(el: Element): Element | null {
  return el.closest('[role="dialog"]');
}

function stepsOf(scope: Element | null): Step[] | undefined {
  return scope ? dialogSteps.get(scope) : [];
}

/** What was opened by activating `el`: a list item (its grid's name and row) or a component block. */
function stepOpenedBy(el: Element): Step | undefined {
  const row = el.closest('[role="row"]');
  const grid = row?.closest('[role="grid"]');
  if (row && grid) return { list: grid.getAttribute('aria-label') ?? '', index: Number(row.getAttribute('aria-rowindex')) - 1 };
  const block = el.closest('[data-ignore-content]');
  const editor = block?.closest('.ProseMirror');
  if (block && editor) {
    const label = labelText(block.firstElementChild ?? block);
    const same = [...editor.querySelectorAll('[data-ignore-content]')].filter((b) => labelText(b.firstElementChild ?? b) === label);
    return { component: label, index: same.indexOf(block) };
  }
  return undefined;
}

/** Elements of a scope (a dialog, or the page outside every dialog). */
function within(scope: Element | null, selector: string): Element[] {
  const all = [...(scope ?? document.body).querySelectorAll(selector)];
  return all.filter((el) => scopeOf(el) === scope);
}

function note(id: string, text: string, after: Element, inside = false) {
  let el = document.getElementById(id);
  if (el && el.textContent === text) return el;
  el?.remove();
  el = document.createElement('p');
  el.id = id;
  el.setAttribute(MARK, '');
  el.className = 'finding-note';
  el.textContent = text;
  if (inside) after.append(el);
  else after.after(el);
  return el;
}

function describe(el: Element, id: string, invalid: boolean) {
  const ids = new Set((el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
  if (!ids.has(id)) el.setAttribute('aria-describedby', [...ids, id].join(' '));
  el.setAttribute(SCOPED, [...new Set([...(el.getAttribute(SCOPED) ?? '').split(' ').filter(Boolean), id])].join(' '));
  if (invalid) el.setAttribute('aria-invalid', 'true');
}

/** The control a label names: its `for` input, or the list (grid) or group it labels. */
function fieldIn(scope: Element | null, label: string): { control: Element; wrapper: Element } | undefined {
  for (const l of within(scope, 'label, [role="group"] > span[id]')) {
    if (labelText(l) !== label) continue;
    const forId = l.getAttribute('for');
    const control = forId ? document.getElementById(forId) : l.parentElement?.querySelector(`[role="grid"][aria-label="${CSS.escape(label)}"]`);
    if (control) return { control, wrapper: l.parentElement ?? l };
  }
  return undefined;
}

function apply() {
  if (location.pathname !== targetsFor) targets = [];
  const wanted = new Set<string>();
  const scopes: Array<Element | null> = [null, ...document.querySelectorAll('[role="dialog"]')];
  for (const scope of scopes) {
    const at = stepsOf(scope);
    if (!at) continue;
    const scopeKey = at.map((s) => ('list' in s ? `${s.list}.${s.index}` : `${s.component}.${s.index}`)).join('/') || 'form';
    targets.forEach((t, n) => {
      if (t.steps.length < at.length || !at.every((s, i) => sameStep(s, t.steps[i]!))) return;
      const id = `finding-${n}-${scopeKey.replace(/[^\w-]/g, '_')}`;
      const next = t.steps[at.length];
      if (!next) {
        const found = t.field ? fieldIn(scope, t.field) : undefined;
        if (!found) return;
        wanted.add(id);
        note(id, `${t.field}: ${t.message}`, found.wrapper);
        describe(found.control, id, found.control.matches('input, textarea, select'));
        return;
      }
      const inner = `${t.field ? `${t.field}: ` : ''}${t.message}`;
      if ('list' in next) {
        const grid = within(scope, `[role="grid"][aria-label="${CSS.escape(next.list)}"]`)[0];
        if (!grid) return;
        wanted.add(id);
        note(id, `Item ${next.index + 1} of ${next.list}: ${inner}`, grid);
        const row = grid.querySelector(`[role="row"][aria-rowindex="${next.index + 1}"]`);
        if (row) describe(row, id, false);
      } else {
        const editor = within(scope, '.ProseMirror')[0];
        const block = [...(editor?.querySelectorAll('[data-ignore-content]') ?? [])].filter((b) => labelText(b.firstElementChild ?? b) === next.component)[next.index];
        if (!block) return;
        wanted.add(id);
        note(id, `${next.component}: ${inner} (press Edit to fix it)`, block, true);
        const edit = block.querySelector('button');
        if (edit) describe(edit, id, false);
      }
    });
  }
  // Marks of findings that were fixed (or of a form that was left) go.
  for (const el of document.querySelectorAll(`[${MARK}]`)) if (!wanted.has(el.id)) el.remove();
  for (const el of document.querySelectorAll(`[${SCOPED}]`)) {
    const ours = (el.getAttribute(SCOPED) ?? '').split(' ').filter((id) => !wanted.has(id));
    if (!ours.length) continue;
    const rest = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !ours.includes(id));
    if (rest.length) el.setAttribute('aria-describedby', rest.join(' '));
    else el.removeAttribute('aria-describedby');
    const kept = (el.getAttribute(SCOPED) ?? '').split(' ').filter((id) => wanted.has(id));
    if (kept.length) el.setAttribute(SCOPED, kept.join(' '));
    else {
      el.removeAttribute(SCOPED);
      el.removeAttribute('aria-invalid');
    }
  }
}

/** Records what the author activated, so the dialog it opens knows which item or block it shows. */
function remember(e: Event) {
  if (e instanceof KeyboardEvent && e.key !== 'Enter' && e.key !== ' ') return;
  if (e.target instanceof Element) opened = e.target;
}

function adoptDialogs() {
  for (const dialog of document.querySelectorAll('[role="dialog"]')) {
    if (dialogSteps.has(dialog)) continue;
    const from = opened;
    const parent = from ? stepsOf(scopeOf(from)) : undefined;
    const step = from ? stepOpenedBy(from) : undefined;
    // A dialog opened by anything else (a list's Add, a new block) shows a new item: nothing to mark.
    if (parent && step && !scopeOf(from!)?.isSameNode(dialog)) dialogSteps.set(dialog, [...parent, step]);
  }
}

export function startFindingMarks() {
  const fetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/api/keystatic/update')) {
      const header = response.headers.get('x-finding-targets');
      targets = header ? (JSON.parse(decodeURIComponent(header)) as FindingTarget[]) : [];
      targetsFor = location.pathname;
      queueMicrotask(redraw);
    }
    return response;
  };
  document.addEventListener('pointerdown', remember, true);
  document.addEventListener('keydown', remember, true);
  let pending = false;
  const observer = new MutationObserver((records) => {
    if (records.every((r) => [...r.addedNodes, ...r.removedNodes].every((n) => n instanceof Element && n.hasAttribute(MARK)))) return;
    if (!pending) {
      pending = true;
      requestAnimationFrame(redraw);
    }
  });
  function redraw() {
    pending = false;
    observer.disconnect();
    adoptDialogs();
    apply();
    observer.takeRecords();
    observer.observe(document.body, { childList: true, subtree: true });
  }
  observer.observe(document.body, { childList: true, subtree: true });
}
