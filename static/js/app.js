import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();

// Search page on a phone: the "Filter results" link (which jumps to the filters after the results) becomes a
// button that shows and hides the filters above the results. From tablet up the button is hidden by CSS.
for (const layout of document.querySelectorAll('[data-module="app-search-layout"]')) {
  const link = layout.querySelector("[data-app-filter-toggle]");
  const filters = layout.querySelector(".app-search-layout__filters");
  if (!link || !filters) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.innerHTML = link.innerHTML;
  button.setAttribute("aria-controls", filters.id);
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", () => {
    const open = layout.classList.toggle("app-search-layout--filters-open");
    button.setAttribute("aria-expanded", String(open));
  });
  link.replaceWith(button);
  layout.classList.add("app-search-layout--enhanced");
}
