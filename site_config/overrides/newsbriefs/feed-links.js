// Keeps Material's language switcher from fetching the whole sitemap on every page load.
//
// Material's bundle (integrations/alternate, set up on every page) takes each
// <link rel="alternate"> as another language version of the site and, when the page has
// loaded (DOMContentLoaded), fetches the sitemap.xml beside it to map pages across
// languages. Material's base.html writes the feed autodiscovery links as rel="alternate"
// too, so every page requested sitemap.xml (every brief's address: 1.1 MB at 5,000
// briefs) once per feed link, for a language switch this site does not have.
//
// Feed readers read the HTML as served, where the links stay rel="alternate" as the RSS
// autodiscovery convention asks. In the page they are renamed "alternate feed" (a form
// Material's exact [rel=alternate] match skips) only until Material has looked, then
// restored. Links with an hreflang (real language versions) are left alone.
(() => {
  "use strict";

  const FEED_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/feed+json"]);
  // Material looks once, as the page finishes loading; after that there is nothing to hide from.
  if (document.readyState !== "loading") return;
  const feeds = [...document.querySelectorAll("link[rel=alternate][type]:not([hreflang])")]
    .filter((link) => FEED_TYPES.has(link.type.toLowerCase()));
  if (!feeds.length) return;
  for (const link of feeds) link.rel = "alternate feed";
  // Restored after every DOMContentLoaded listener has run, Material's among them.
  document.addEventListener("DOMContentLoaded", () => {
    setTimeout(() => {
      for (const link of feeds) link.rel = "alternate";
    });
  }, { once: true });
})();
