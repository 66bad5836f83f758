/** The editor pages' stylesheet, served by the Worker (public/ stays the public site's, with its asset version). */
export const ADMIN_CSS = `
:root { --ink: #1d2233; --indigo: #1b2350; --muted: #4f5568; --red-ink: #8a1c1c; --soft: #eef0f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.5 system-ui, sans-serif; color: var(--ink); background: #fafafa; }
a { color: var(--indigo); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
.admin-header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .8rem 1.2rem; background: var(--indigo); color: #fff; }
.admin-header a { color: #fff; }
.admin-brand { font-weight: 700; margin-right: auto; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
.field { margin: 0 0 1rem; }
.field label { display: block; font-weight: 700; margin-bottom: .3rem; }
input, select, textarea { font: inherit; color: var(--ink); background: #fff; border: 2px solid #6b7085; border-radius: 8px; padding: .5rem .7rem; width: 100%; max-width: 32rem; }
input:focus-visible, select:focus-visible, textarea:focus-visible, button:focus-visible { outline: 3px solid #e9c46a; outline-offset: 2px; }
button { font: inherit; font-weight: 700; padding: .5rem 1.1rem; border-radius: 8px; border: 2px solid var(--indigo); background: var(--indigo); color: #fff; cursor: pointer; }
.admin-header button { background: #fff; color: var(--indigo); }
form.inline { display: flex; gap: .6rem; align-items: center; }
.error-summary, .field-error { color: var(--red-ink); font-weight: 700; }
.note { color: var(--muted); }
fieldset.field { border: 0; padding: 0; }
fieldset.field legend { font-weight: 700; margin-bottom: .3rem; }
.check input { width: auto; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #c9ccd8; vertical-align: top; }
.count { display: inline-block; min-width: 1.8rem; padding: 0 .4rem; border-radius: 1rem; background: var(--soft); text-align: center; font-size: .9rem; }
`;
