"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { THEME_COOKIE, THEMES, themeClass, type ThemePreference } from "./theme";

const LABEL: Record<ThemePreference, string> = { system: "System", light: "Light", dark: "Dark" };
const ICON = { system: MonitorIcon, light: SunIcon, dark: MoonIcon } as const;

/** Cycles System → Light → Dark. Sets the class on <html> at once and remembers the choice in a cookie. */
export function ThemeToggle({ initial }: { initial: ThemePreference }) {
  const [theme, setTheme] = useState<ThemePreference>(initial);
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? "system";
  const Icon = ICON[theme];

  function apply() {
    const root = document.documentElement;
    root.classList.remove("light", "dark");
    const cls = themeClass(next);
    if (cls) root.classList.add(cls);
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    setTheme(next);
  }

  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={apply}
      aria-label={`Colour theme: ${LABEL[theme]}. Switch to ${LABEL[next]}.`}
      title={`Theme: ${LABEL[theme]} (switch to ${LABEL[next]})`}
    >
      <Icon />
      <span className="hidden sm:inline">{LABEL[theme]}</span>
    </Button>
  );
}
