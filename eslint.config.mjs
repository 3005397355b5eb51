import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "screenshots/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      ".test-output/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Nothing above lib/aws imports the AWS SDK (STYLE.md: SDK commands stay behind typed functions in lib/aws).
    files: [
      "app/**/*.{ts,tsx}",
      "components/**/*.{ts,tsx}",
      "lib/server/**/*.ts",
      "lib/analysis/**/*.ts",
      "lib/queries/**/*.ts",
      "lib/schemas/**/*.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@aws-sdk/*"], message: "Only lib/aws talks to the AWS SDK." }] },
      ],
    },
  },
  {
    // Browser code may import only types from the server side (STYLE.md: "no client to server").
    files: [
      "app/**/client.tsx",
      "app/**/*-client.tsx",
      "components/**/*.{ts,tsx}",
      "lib/queries/**/*.ts",
      "lib/charts/**/*.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib/server/*",
                "@/lib/server",
                "@/lib/aws/*",
                "@/lib/aws",
                "@/lib/config/*",
                "@/lib/env",
              ],
              allowTypeImports: true,
              message: "Client code may import server modules' types only.",
            },
            { group: ["@aws-sdk/*"], message: "Only lib/aws talks to the AWS SDK." },
          ],
        },
      ],
    },
  },
];

export default config;
