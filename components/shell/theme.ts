/**
 * The colour theme: the system's preference unless the user picked light or dark. The choice is
 * kept in a cookie so the server renders <html class="dark"> (or "light") itself: no flash, no
 * inline script. With no choice there is no class and CSS follows prefers-color-scheme.
 */

export const THEME_COOKIE = "headroom-theme";
export const THEMES = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof THEMES)[number];

export function parseTheme(value: string | undefined): ThemePreference {
  return value === "light" || value === "dark" ? value : "system";
}

/** The class on <html> for a preference (none for "system"). */
export function themeClass(theme: ThemePreference): "light" | "dark" | undefined {
  return theme === "system" ? undefined : theme;
}
