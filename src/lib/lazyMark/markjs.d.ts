// mark.js ships no types; this module uses only its default export's constructor.
declare module 'mark.js/dist/mark.es6.min.js' {
  const Mark: unknown;
  export default Mark;
}
