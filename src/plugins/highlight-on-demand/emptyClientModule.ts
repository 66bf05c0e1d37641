// Stands in for the classic theme's Prism client module (see index.ts): code blocks load Prism themselves.
export {};
