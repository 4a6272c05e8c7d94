// The agenda framed on another site tells the page around it how tall it
// is, so that page can size the frame to fit: {type: "u20-embed-height",
// height: N} in CSS pixels, on load and whenever the content's height
// changes. The message holds nothing but the height of a public page, so it
// goes to whichever page frames this one; which pages may do so is the
// Content-Security-Policy's frame-ancestors, and the page around checks
// that the message comes from this site. Not framed, it does nothing.
(function () {
  "use strict";
  if (window.parent === window) return;
  var root = document.documentElement;
  var sent = 0;

  function post() {
    // The height of the content itself: scrollHeight never falls below the
    // frame's own height, so the frame could grow but never shrink.
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ type: "u20-embed-height", height: height }, "*");
  }

  post();
  window.addEventListener("load", post);
  window.addEventListener("resize", post);
  if ("ResizeObserver" in window) new ResizeObserver(post).observe(root);
})();
