/**
 * The editor's link to the learner preview (pages/preview.astro) of the lesson open in the form.
 * Keystatic is a single-page app with no slot in its header for a link of ours, so the editor page
 * (pages/editor.astro) keeps the link outside Keystatic's markup and points it at the lesson in the
 * address bar whenever the page changes.
 */
export function startPreviewLink(link: HTMLAnchorElement) {
  let shown = '';
  const update = () => {
    if (location.pathname === shown) return;
    shown = location.pathname;
    // /keystatic/collection/lessons/item/<course>%2Flessons%2FNN-slug: the lesson's id is <course>/<slug>.
    const item = /^\/keystatic\/collection\/lessons\/item\/([^/]+)$/.exec(location.pathname);
    const file = /^([a-z0-9-]+)\/lessons\/\d+-([a-z0-9-]+)$/.exec(item ? decodeURIComponent(item[1]!) : '');
    link.closest('nav')!.hidden = !file;
    if (file) link.href = `/author/preview/${file[1]}/${file[2]}`;
  };
  new MutationObserver(update).observe(document.body, { childList: true, subtree: true });
  update();
}
