// ESLint over the whole tree (npm run lint, first step of npm test): the recommended JavaScript and
// typescript-eslint rules, React's hook rules and Next's own rules. Import boundaries between
// folders are dependency-cruiser's job (.dependency-cruiser.cjs), not this file's.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report*/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  // React's and Next's rules where React runs; Playwright fixtures also call a function named `use`.
  { files: ["app/**", "components/**"], ...reactHooks.configs.flat.recommended },
  { files: ["app/**", "components/**"], ...nextPlugin.configs["core-web-vitals"] },
  { languageOptions: { globals: { ...globals.node } } },
  {
    // Tests read parsed JSON (responses, generated documents) and check it with expect(): the
    // assertions are the type check there, so test code may hold such values as `any`.
    files: ["test/**", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring a field away, a required parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
);
