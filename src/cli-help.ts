/** `trustlint --help`. */
export const HELP = `trustlint [options] [--] [paths...]

Lint GitHub Actions workflows and action metadata for safe package publishing.
With no paths, lints the git repository that contains the working directory (its
root, wherever below it you are), or the working directory outside a repository.
Directories are searched for .github/workflows/*.{yml,yaml}, action.{yml,yaml} and
committed registry credential files (.npmrc, .yarnrc.yml, .pypirc, ...), skipping
what .gitignore ignores; named files are linted whatever their name.
Each file's config is looked up from its directory up to its repository root.
Everything after '--' is a path, even a name that starts with '-'.

Options:
  -f, --format <name>         stylish (default), json, sarif, github, or the path or
                              package name of a formatter module (ESLint's signature)
  -o, --output-file <path>    Write the report to a file instead of stdout
      --max-warnings <n>      Exit 1 when there are more than n warnings (-1: no limit)
      --quiet                 Report errors only (with --fix: apply fixes of errors only)
      --fix                   Apply the safe fixes to the files and report what remains
      --fix-dry-run           Compute the fixes without writing them (JSON results gain output)
  -c, --config <path>         Use this config file (no lookup)
      --no-config-lookup      Ignore config files; use the recommended preset
      --no-inline-config      Ignore # trustlint-disable directives in the linted files
                              (in CI on pull requests, with -c <trusted config>)
      --rule <'id: severity'> Set a rule, e.g. --rule 'require-provenance: off' (repeatable)
      --ignore-pattern <glob> Do not lint files matching this glob, relative to the
                              working directory (repeatable)
      --no-ignore             Lint what .gitignore, --ignore-pattern and config ignores leave out
      --stdin                 Lint the text on standard input
      --stdin-filename <path> The path of that text (decides workflow or action, and the config)
      --sarif-suppressed <keep|omit>
                              With -f sarif: keep findings suppressed by a directive, with
                              their suppression (default), or omit them
      --print-config <file>   Print the configuration used for a file and exit
      --cache                 Reuse the results of files whose content, configuration and
                              dependencies are unchanged (stored in .trustlintcache)
      --cache-location <path> The cache file, or a directory to hold it
      --color, --no-color     Force colour on or off (default: FORCE_COLOR, else on for a terminal)
      --debug                 Print stack traces of internal errors
      --pre-commit            For hook runners: refuse to run unless the file names
                              follow '--' (the hook's args must end with '--')
      --lsp                   Run the language server on stdin/stdout (docs/editors.md)
  -v, --version               Print the version
  -h, --help                  Print this help

Exit codes: 0 no errors; 1 errors, or more warnings than --max-warnings;
2 bad usage, a bad config, nothing to lint, a file that could not be read or written,
or an internal error.
Docs: https://github.com/trustlint/trustlint#readme`;
