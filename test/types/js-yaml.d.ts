// js-yaml (a devDependency, used to show parser differentials) ships no types; tests need only `load`.
declare module 'js-yaml' {
  export function load(text: string): unknown;
  const jsyaml: { load: typeof load };
  export default jsyaml;
}
