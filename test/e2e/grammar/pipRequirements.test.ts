/** The pip-requirements TextMate grammar gives every part of a requirements file its scope. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadGrammar, type Token } from './textmate';

const GRAMMAR = join(__dirname, '..', '..', '..', '..', 'syntaxes', 'pip-requirements.tmLanguage.json');
const SUFFIX = '.pip-requirements';

type Tokenize = (text: string) => Token[][];

/** The innermost scope (without the language suffix) of the token at the first `part` of a tokenized line. */
function scopeIn(tokens: Token[], line: string, part: string): string {
  const at = line.indexOf(part);
  assert.ok(at >= 0, `"${part}" is in "${line}"`);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex);
  assert.ok(token, `a token covers "${part}"`);
  const scope = token.scopes[token.scopes.length - 1];
  return scope.endsWith(SUFFIX) ? scope.slice(0, -SUFFIX.length) : scope;
}

describe('pip-requirements grammar (VS Code\'s own TextMate tokenizer)', () => {
  let tokenize: Tokenize;
  const scope = (line: string, part: string): string => scopeIn(tokenize(line)[0], line, part);

  before(async () => {
    tokenize = await loadGrammar(GRAMMAR, 'source.pip-requirements');
  });

  it('comments, whole-line and trailing', () => {
    assert.equal(scope('# Shared pins', '# Shared'), 'comment.line.number-sign');
    const line = 'requests>=2.31  # the HTTP client';
    assert.equal(scope(line, '# the'), 'comment.line.number-sign');
    assert.equal(scope(line, 'requests'), 'entity.name.package');
  });

  it('names, specifiers and versions', () => {
    const line = 'python-dateutil==2.9.0.post0';
    assert.equal(scope(line, 'python-dateutil'), 'entity.name.package');
    assert.equal(scope(line, '=='), 'keyword.operator.comparison');
    assert.equal(scope(line, '2.9.0.post0'), 'constant.numeric.version');
    const range = 'charset-normalizer>=3,<4';
    assert.equal(scope(range, '<'), 'keyword.operator.comparison');
    assert.equal(scope(range, '4'), 'constant.numeric.version');
  });

  it('extras', () => {
    const line = 'flask[async,dotenv]~=3.0';
    assert.equal(scope(line, '['), 'punctuation.definition.extras.begin');
    assert.equal(scope(line, 'async'), 'variable.parameter.extra');
    assert.equal(scope(line, 'dotenv'), 'variable.parameter.extra');
    assert.equal(scope(line, '~='), 'keyword.operator.comparison');
  });

  it('environment markers', () => {
    const line = 'django==4.2.11 ; python_version >= "3.10" and sys_platform != "win32"';
    assert.equal(scope(line, ';'), 'punctuation.separator.marker');
    assert.equal(scope(line, 'python_version'), 'variable.language.marker');
    assert.equal(scope(line, '"3.10"'), 'string.quoted');
    assert.equal(scope(line, 'and'), 'keyword.operator.logical');
  });

  it('options and their values, URLs included', () => {
    assert.equal(scope('--index-url https://pypi.org/simple', '--index-url'), 'keyword.other.option');
    assert.equal(scope('--index-url https://pypi.org/simple', 'https://'), 'markup.underline.link');
    assert.equal(scope('--extra-index-url=https://private.example/simple', '='), 'keyword.operator.assignment');
    assert.equal(scope('-r requirements/base.txt', '-r'), 'keyword.other.option');
    assert.equal(scope('-r requirements/base.txt', 'requirements/base.txt'), 'string.unquoted.option-value');
    assert.equal(scope('-e git+https://github.com/acme/lib.git#egg=lib', 'git+https'), 'markup.underline.link');
  });

  it('direct references: NAME @ URL', () => {
    const line = 'internal-tool @ git+https://github.com/acme/internal-tool.git@main ; python_version >= "3.9"';
    assert.equal(scope(line, 'internal-tool'), 'entity.name.package');
    assert.equal(scope(line, '@ git'), 'keyword.operator.url');
    assert.equal(scope(line, 'git+https'), 'markup.underline.link');
    assert.equal(scope(line, 'python_version'), 'variable.language.marker');
  });

  it('hashes, on the requirement line and on continuation lines', () => {
    const inline = 'certifi==2024.7.4 --hash=sha256:0123abcd';
    assert.equal(scope(inline, '--hash'), 'keyword.other.option.hash');
    assert.equal(scope(inline, 'sha256'), 'support.type.hash-algorithm');
    assert.equal(scope(inline, '0123abcd'), 'constant.other.hash');

    const text = ['certifi==2024.7.4 \\', '    --hash=sha256:0123abcd \\', '    --hash=sha256:ffee0099'];
    const lines = tokenize(text.join('\n'));
    assert.equal(scopeIn(lines[0], text[0], '\\'), 'constant.character.escape.line-continuation');
    assert.equal(scopeIn(lines[1], text[1], '--hash'), 'keyword.other.option.hash');
    assert.equal(scopeIn(lines[2], text[2], 'ffee0099'), 'constant.other.hash');
  });
});
