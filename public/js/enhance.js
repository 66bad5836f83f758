// Progressive enhancement only: every page works without this file (and without JavaScript the filter panel
// is simply open). On narrow screens the catalogue's filter panel starts folded, so that results come first;
// the chips above the results still show what is filtered.
(() => {
  const filters = document.querySelector("#catalogue details.filters");
  if (filters && window.matchMedia("(max-width: 859px)").matches) filters.open = false;
})();
