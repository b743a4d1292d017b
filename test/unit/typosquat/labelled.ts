/**
 * A labelled set for the typosquat rule: names that imitate a popular package (with the package
 * they imitate), and legitimate names close to a more popular one that must not be flagged.
 *
 * Squats marked `reported` were published and later removed or written up (the year and who);
 * those marked `synthetic` follow the same patterns on other popular packages (or come from the
 * issue's examples). Only squats whose target is in the bundled lists are here: a target the lists
 * do not know cannot be detected offline, by design.
 */
import type { Ecosystem } from '../../../server/src/model/model';

export interface Squat {
  ecosystem: Ecosystem;
  name: string;
  /** The imitated package; several when the name is as close to each (babelcli: babel-cli, @babel/cli). */
  target: string | readonly string[];
  source: string;
}

export interface Legit {
  ecosystem: Ecosystem;
  name: string;
  /** The more popular package it is close to. */
  near: string;
}

const HACKTASK = 'reported: npm 2017, packages of the user hacktask, removed by npm';
const SKCSIRT = 'reported: PyPI 2017, SK-CSIRT advisory';

export const SQUATS: readonly Squat[] = [
  // npm
  { ecosystem: 'npm', name: 'crossenv', target: 'cross-env', source: HACKTASK },
  { ecosystem: 'npm', name: 'cross-env.js', target: 'cross-env', source: HACKTASK },
  { ecosystem: 'npm', name: 'babelcli', target: ['babel-cli', '@babel/cli'], source: HACKTASK },
  { ecosystem: 'npm', name: 'd3.js', target: 'd3', source: HACKTASK },
  { ecosystem: 'npm', name: 'gruntcli', target: 'grunt-cli', source: HACKTASK },
  { ecosystem: 'npm', name: 'http-proxy.js', target: 'http-proxy', source: HACKTASK },
  { ecosystem: 'npm', name: 'jquery.js', target: 'jquery', source: HACKTASK },
  { ecosystem: 'npm', name: 'mongose', target: 'mongoose', source: HACKTASK },
  { ecosystem: 'npm', name: 'mssql.js', target: 'mssql', source: HACKTASK },
  { ecosystem: 'npm', name: 'mssql-node', target: 'mssql', source: HACKTASK },
  { ecosystem: 'npm', name: 'mysqljs', target: 'mysql', source: HACKTASK },
  { ecosystem: 'npm', name: 'nodemailer-js', target: 'nodemailer', source: HACKTASK },
  { ecosystem: 'npm', name: 'nodemailer.js', target: 'nodemailer', source: HACKTASK },
  { ecosystem: 'npm', name: 'nodemssql', target: 'mssql', source: HACKTASK },
  { ecosystem: 'npm', name: 'nodesass', target: 'node-sass', source: HACKTASK },
  { ecosystem: 'npm', name: 'noderequest', target: 'request', source: HACKTASK },
  { ecosystem: 'npm', name: 'node-fabric', target: 'fabric', source: HACKTASK },
  { ecosystem: 'npm', name: 'nodefabric', target: 'fabric', source: HACKTASK },
  { ecosystem: 'npm', name: 'fabric-js', target: 'fabric', source: HACKTASK },
  { ecosystem: 'npm', name: 'ffmepg', target: 'ffmpeg', source: HACKTASK },
  { ecosystem: 'npm', name: 'electorn', target: 'electron', source: 'reported: npm 2020, removed by npm' },
  { ecosystem: 'npm', name: 'twilio-npm', target: 'twilio', source: 'reported: npm 2020, Sonatype' },
  { ecosystem: 'npm', name: 'discordi.js', target: 'discord.js', source: 'reported: npm 2021, removed by npm' },
  { ecosystem: 'npm', name: 'typescriptjs', target: 'typescript', source: 'synthetic: added js' },
  { ecosystem: 'npm', name: 'coffe-script', target: 'coffee-script', source: 'synthetic: single letter of a double' },
  { ecosystem: 'npm', name: 'lodashs', target: 'lodash', source: 'synthetic: added letter' },
  { ecosystem: 'npm', name: '@typescript_eslinter/eslint', target: 'eslint', source: 'reported: npm 2024, Socket' },
  { ecosystem: 'npm', name: 'types-node', target: '@types/node', source: 'synthetic: scope run into the name' },
  { ecosystem: 'npm', name: 'reаct', target: 'react', source: 'synthetic: Cyrillic а' },
  { ecosystem: 'npm', name: 'rnocha', target: 'mocha', source: 'synthetic: rn for m' },
  { ecosystem: 'npm', name: 'expresss', target: 'express', source: 'synthetic: repeated letter' },
  { ecosystem: 'npm', name: 'loadsh', target: 'lodash', source: 'synthetic: swapped letters' },
  { ecosystem: 'npm', name: 'event-strem', target: 'event-stream', source: 'synthetic: missing letter' },
  { ecosystem: 'npm', name: 'stream-event', target: 'event-stream', source: 'synthetic: reordered words' },
  { ecosystem: 'npm', name: '@evil/cross-env', target: 'cross-env', source: 'synthetic: unknown scope' },
  // PyPI
  { ecosystem: 'pypi', name: 'urlib3', target: 'urllib3', source: SKCSIRT },
  { ecosystem: 'pypi', name: 'setup-tools', target: 'setuptools', source: SKCSIRT },
  { ecosystem: 'pypi', name: 'djanga', target: 'django', source: 'synthetic: substituted letter' },
  { ecosystem: 'pypi', name: 'colourama', target: 'colorama', source: 'reported: PyPI 2018, removed by PyPI' },
  { ecosystem: 'pypi', name: 'jeIlyfish', target: 'jellyfish', source: 'reported: PyPI 2019, removed by PyPI' },
  { ecosystem: 'pypi', name: 'python3-dateutil', target: 'python-dateutil', source: 'reported: PyPI 2019, removed by PyPI' },
  { ecosystem: 'pypi', name: 'reqeusts', target: 'requests', source: 'synthetic: one typo' },
  { ecosystem: 'pypi', name: 'beautfulsoup4', target: 'beautifulsoup4', source: 'synthetic: one typo' },
  { ecosystem: 'pypi', name: 'selenim', target: 'selenium', source: 'synthetic: one typo' },
  { ecosystem: 'pypi', name: 'colorsama', target: 'colorama', source: 'synthetic: one typo' },
  { ecosystem: 'pypi', name: 'requessts', target: 'requests', source: 'synthetic: one typo' },
  { ecosystem: 'pypi', name: 'reqυest', target: 'requests', source: 'synthetic: Greek υ (from the issue)' },
  { ecosystem: 'pypi', name: 'dateutil-python', target: 'python-dateutil', source: 'synthetic: reordered words (from the issue)' },
  { ecosystem: 'pypi', name: 'matplotilb', target: 'matplotlib', source: 'synthetic: swapped letters' },
  { ecosystem: 'pypi', name: 'rnatplotlib', target: 'matplotlib', source: 'synthetic: rn for m' },
  { ecosystem: 'pypi', name: 'pyrequests', target: 'requests', source: 'synthetic: added py' },
  { ecosystem: 'pypi', name: 'numpy-python', target: 'numpy', source: 'synthetic: added -python' },
  { ecosystem: 'pypi', name: 'pandsa', target: 'pandas', source: 'synthetic: swapped letters' },
  // NuGet
  { ecosystem: 'nuget', name: 'Newtonsoft.Jsoon', target: 'Newtonsoft.Json', source: 'synthetic: repeated letter (from the issue)' },
  { ecosystem: 'nuget', name: 'Newtonsoft-Json', target: 'Newtonsoft.Json', source: 'synthetic: delimiter' },
  { ecosystem: 'nuget', name: 'Microsoft.Extensions.Loging', target: 'Microsoft.Extensions.Logging', source: 'synthetic: single letter of a double' },
  { ecosystem: 'nuget', name: 'MicrosoftExtensions.Logging', target: 'Microsoft.Extensions.Logging', source: 'synthetic: missing dot after the reserved prefix' },
  { ecosystem: 'nuget', name: 'Sytem.Text.Json', target: 'System.Text.Json', source: 'synthetic: missing letter in the reserved prefix' },
  { ecosystem: 'nuget', name: 'System.Text.Jsоn', target: 'System.Text.Json', source: 'synthetic: Cyrillic о' },
  { ecosystem: 'nuget', name: 'Microsoft.AspNetCore.Authentication.JwtBaerer', target: 'Microsoft.AspNetCore.Authentication.JwtBearer', source: 'synthetic: swapped letters' },
  { ecosystem: 'nuget', name: 'Serilog.Sinks.Consol', target: 'Serilog.Sinks.Console', source: 'synthetic: missing letter' },
  { ecosystem: 'nuget', name: 'AutoMaper', target: 'AutoMapper', source: 'synthetic: single letter of a double' },
  { ecosystem: 'nuget', name: 'StackExchange.Reddis', target: 'StackExchange.Redis', source: 'synthetic: repeated letter' },
  { ecosystem: 'nuget', name: 'AWSDK.S3', target: 'AWSSDK.S3', source: 'synthetic: reserved AWS prefix' },
  { ecosystem: 'nuget', name: 'Json.Newtonsoft', target: 'Newtonsoft.Json', source: 'synthetic: reordered words' },
];

/** Popular packages close to a more popular one: each is in the bundled lists and legitimate. */
export const LEGIT: readonly Legit[] = [
  { ecosystem: 'npm', name: 'preact', near: 'react' },
  { ecosystem: 'npm', name: 'colors', near: 'color' },
  { ecosystem: 'npm', name: 'mysql2', near: 'mysql' },
  { ecosystem: 'npm', name: 'vuex', near: 'vue' },
  { ecosystem: 'npm', name: 'uid', near: 'uuid' },
  { ecosystem: 'npm', name: 'yamljs', near: 'yaml' },
  { ecosystem: 'npm', name: 'utils', near: 'util' },
  { ecosystem: 'npm', name: 'globby', near: 'glob' },
  { ecosystem: 'npm', name: 'lodash-es', near: 'lodash' },
  { ecosystem: 'npm', name: 'babel-core', near: '@babel/core' },
  { ecosystem: 'npm', name: 'node-fetch', near: 'fetch' },
  { ecosystem: 'npm', name: 'cross-fetch', near: 'cross-env' },
  { ecosystem: 'npm', name: 'react-dom', near: 'react' },
  { ecosystem: 'npm', name: 'jest-cli', near: 'jest' },
  { ecosystem: 'npm', name: 'ts-node', near: 'node-ts' },
  { ecosystem: 'npm', name: 'chalk-template', near: 'chalk' },
  { ecosystem: 'npm', name: 'semver-regex', near: 'semver' },
  { ecosystem: 'npm', name: 'debug', near: 'debuglog' },
  { ecosystem: 'npm', name: 'eslint-plugin-n', near: 'eslint-plugin-i' },
  { ecosystem: 'npm', name: '@types/react', near: 'react' },
  { ecosystem: 'npm', name: '@types/nodee', near: '@types/node' },
  { ecosystem: 'pypi', name: 'pyyaml', near: 'yaml' },
  { ecosystem: 'pypi', name: 'requests-oauthlib', near: 'requests' },
  { ecosystem: 'pypi', name: 'urllib3-secure-extra', near: 'urllib3' },
  { ecosystem: 'pypi', name: 'python-dotenv', near: 'dotenv' },
  { ecosystem: 'pypi', name: 'psycopg2-binary', near: 'psycopg2' },
  { ecosystem: 'pypi', name: 'psycopg', near: 'psycopg2' },
  { ecosystem: 'pypi', name: 'opencv-python-headless', near: 'opencv-python' },
  { ecosystem: 'pypi', name: 'aiobotocore', near: 'botocore' },
  { ecosystem: 'pypi', name: 'boto', near: 'boto3' },
  { ecosystem: 'pypi', name: 'jinja2', near: 'jinja' },
  { ecosystem: 'pypi', name: 'msgpack', near: 'msgpack-python' },
  { ecosystem: 'pypi', name: 'typer', near: 'hyper' },
  { ecosystem: 'pypi', name: 'tomli', near: 'tomlkit' },
  { ecosystem: 'pypi', name: 'python_dateutil', near: 'python-dateutil' },
  { ecosystem: 'pypi', name: 'Django', near: 'django' },
  { ecosystem: 'nuget', name: 'Polly.Core', near: 'Polly' },
  { ecosystem: 'nuget', name: 'xunit.v3', near: 'xunit' },
  { ecosystem: 'nuget', name: 'NUnit3TestAdapter', near: 'NUnit' },
  { ecosystem: 'nuget', name: 'Dapper.Contrib', near: 'Dapper' },
  { ecosystem: 'nuget', name: 'MediatR.Contracts', near: 'MediatR' },
  { ecosystem: 'nuget', name: 'Serilog.Sinks.File', near: 'Serilog.Sinks.Files' },
  { ecosystem: 'nuget', name: 'newtonsoft.json', near: 'Newtonsoft.Json' },
  { ecosystem: 'nuget', name: 'Microsoft.Extensions.Logging.Abstractions', near: 'Microsoft.Extensions.Logging' },
  { ecosystem: 'nuget', name: 'System.Linq.Async', near: 'System.Linq' },
];
