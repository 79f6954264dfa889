// The cashier's light/dark pick (src/ui/theme.rs), applied before the first
// paint: a blocking script in <head>, a file so the page needs no inline
// script under its Content-Security-Policy.
try {
  const theme = localStorage.getItem("kassa.theme");
  if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
} catch {}
