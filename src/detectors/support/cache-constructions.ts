import { ts } from "ts-morph";

import {
  getDecoratorArgument,
  getDecoratorNames,
  getPropertyName,
  getStringValue,
  hasModifier,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";
import { listFactoryResults } from "./nest-module-options.js";
import { getOption, resolveOptionsObject } from "./options.js";
import { listFieldAccesses, type UseSite } from "./use-sites.js";

/** A constructor or factory of an in-process cache, with the label used in messages. */
interface CacheFactory {
  modules: readonly string[];
  path: readonly string[];
  label: string;
  /** False when the factory is in memory only for some arguments. */
  isMemory?: (file: FileFacts, args: readonly ts.Expression[]) => boolean;
}

/** Packages whose import makes a file worth checking for cache constructions. */
export function listCachePackages(): string[] {
  return [
    ...new Set([
      ...CACHE_FACTORIES.flatMap((factory) => factory.modules),
      "@nestjs/cache-manager",
      "@nestjs/common",
    ]),
  ];
}

const CACHE_FACTORIES: readonly CacheFactory[] = [
  { modules: ["lru-cache"], path: [], label: "lru-cache" },
  { modules: ["lru-cache"], path: ["LRUCache"], label: "lru-cache" },
  { modules: ["quick-lru"], path: [], label: "QuickLRU" },
  { modules: ["node-cache"], path: [], label: "node-cache" },
  { modules: ["@cacheable/node-cache"], path: [], label: "node-cache" },
  {
    modules: ["@cacheable/node-cache"],
    path: ["NodeCache"],
    label: "node-cache",
  },
  { modules: ["memory-cache"], path: ["Cache"], label: "memory-cache" },
  {
    modules: ["cacheable"],
    path: ["CacheableMemory"],
    label: "CacheableMemory",
  },
  {
    modules: ["@apollo/utils.keyvaluecache", "apollo-server-caching"],
    path: ["InMemoryLRUCache"],
    label: "Apollo InMemoryLRUCache",
  },
  {
    modules: ["keyv"],
    path: [],
    label: "Keyv with its default Map",
    isMemory: (file, args) => isMemoryKeyvArguments(file, args),
  },
  {
    modules: ["keyv"],
    path: ["Keyv"],
    label: "Keyv with its default Map",
    isMemory: (file, args) => isMemoryKeyvArguments(file, args),
  },
  {
    modules: ["cache-manager"],
    path: ["caching"],
    label: "cache-manager memory store",
    isMemory: (file, args) => isMemoryCachingArguments(file, args),
  },
  {
    modules: ["cache-manager"],
    path: ["createCache"],
    label: "cache-manager without stores",
    isMemory: (file, args) => isMemoryStoresOption(file, args[0], true),
  },
];

/** Returns the label of an in-process cache construction, or undefined for anything else. */
export function recognizeCache(
  file: FileFacts,
  node: ts.CallExpression | ts.NewExpression,
): string | undefined {
  const args = node.arguments ?? [];
  for (const factory of CACHE_FACTORIES) {
    if (!file.isSymbol(node.expression, factory.modules, factory.path))
      continue;
    // `caching` and `createCache` are called; the classes are constructed,
    // except lru-cache, whose early versions also worked as a plain call.
    const isCall = ts.isCallExpression(node);
    const calledFactory =
      factory.path[0] === "caching" || factory.path[0] === "createCache";
    if (isCall && !calledFactory && factory.modules[0] !== "lru-cache")
      return undefined;
    if (factory.isMemory && !factory.isMemory(file, args)) return undefined;
    return factory.label;
  }
  return undefined;
}

/** True for `new Keyv()`, `new Keyv({ namespace })` and Keyv over a Map or another in-memory store. */
function isMemoryKeyvArguments(
  file: FileFacts,
  args: readonly ts.Expression[],
): boolean {
  const [first] = args;
  if (!first) return true;
  const value = unwrapExpression(first);
  if (ts.isStringLiteralLike(value)) return false;
  const options = resolveOptionsObject(file, value);
  if (options) {
    if (getOption(file, options, ["uri"]).kind !== "absent") return false;
    const store = getOption(file, options, ["store"]);
    if (store.kind === "absent") return true;
    return store.kind === "set" && isMemoryStoreExpression(file, store.value);
  }
  // Keyv 5 also takes the storage adapter as its first argument.
  return isMemoryStoreExpression(file, value);
}

/** True for stores that keep entries in this process: Map, CacheableMemory, LRU caches, an in-memory Keyv. */
function isMemoryStoreExpression(
  file: FileFacts,
  expression: ts.Expression,
  depth = 3,
): boolean {
  const value = unwrapExpression(expression);
  if (depth < 0) return false;
  if (ts.isIdentifier(value)) {
    const declaration = file.scopes.resolve(value);
    return declaration?.initializer !== undefined &&
      declaration.kind !== "import"
      ? isMemoryStoreExpression(file, declaration.initializer, depth - 1)
      : false;
  }
  if (!ts.isNewExpression(value)) return false;
  const callee = unwrapExpression(value.expression);
  if (
    ts.isIdentifier(callee) &&
    callee.text === "Map" &&
    !file.getImport(callee)
  )
    return true;
  return recognizeCache(file, value) !== undefined;
}

/** True for cache-manager 4/5 `caching("memory")`, `caching({ store: "memory" })` and `caching(memoryStore())`. */
function isMemoryCachingArguments(
  file: FileFacts,
  args: readonly ts.Expression[],
): boolean {
  const [first] = args;
  if (!first) return false;
  const value = unwrapExpression(first);
  if (ts.isStringLiteralLike(value)) return value.text === "memory";
  if (ts.isCallExpression(value))
    return file.isSymbol(value.expression, ["cache-manager"], ["memoryStore"]);
  const options = resolveOptionsObject(file, value);
  if (!options) return false;
  const store = getOption(file, options, ["store"]);
  if (store.kind === "absent") return true;
  return (
    store.kind === "set" &&
    getStringValue(unwrapExpression(store.value)) === "memory"
  );
}

/**
 * True when cache-manager 6 or `CacheModule` options keep entries in
 * memory: no `stores` (or older `store`), or only in-memory Keyv stores.
 */
function isMemoryStoresOption(
  file: FileFacts,
  argument: ts.Expression | undefined,
  allowMissing: boolean,
): boolean {
  if (!argument) return allowMissing;
  const options = resolveOptionsObject(file, argument);
  if (!options) return false;
  const stores = getOption(file, options, ["stores"]);
  const store = getOption(file, options, ["store"]);
  if (stores.kind === "unknown" || store.kind === "unknown") return false;
  if (store.kind === "set")
    return getStringValue(unwrapExpression(store.value)) === "memory";
  if (stores.kind === "absent") return true;
  const list = unwrapExpression(stores.value);
  if (!ts.isArrayLiteralExpression(list)) return false;
  return list.elements.every((element) =>
    isMemoryStoreExpression(file, element),
  );
}

const NEST_CACHE_MODULES = ["@nestjs/cache-manager", "@nestjs/common"];

/** True for `CacheModule.register(...)` or `registerAsync(...)` whose options keep entries in memory. */
export function isMemoryCacheModule(
  file: FileFacts,
  call: ts.CallExpression,
): boolean {
  if (
    file.isSymbol(call.expression, NEST_CACHE_MODULES, [
      "CacheModule",
      "register",
    ])
  ) {
    return isMemoryStoresOption(file, call.arguments[0], true);
  }
  if (
    !file.isSymbol(call.expression, NEST_CACHE_MODULES, [
      "CacheModule",
      "registerAsync",
    ])
  ) {
    return false;
  }
  const results = listFactoryResults(file, call.arguments[0]);
  return (
    results.length > 0 &&
    results.every((result) => isMemoryStoresOption(file, result, true))
  );
}

/**
 * Lists `this.cache` accesses of every class in the run that injects the
 * Nest cache manager with `@Inject(CACHE_MANAGER)`, as a constructor
 * parameter property or a decorated field.
 */
export function listCacheManagerSites(project: ProjectFacts): UseSite[] {
  const sites: UseSite[] = [];
  for (const file of project.listFilesWith(["decorator:Inject"])) {
    for (const declaration of file.walk.classes) {
      for (const name of listInjectedCacheNames(declaration)) {
        for (const node of listFieldAccesses(declaration, name))
          sites.push({ file, node });
      }
    }
  }
  return sites;
}

function listInjectedCacheNames(
  declaration: ts.ClassLikeDeclaration,
): string[] {
  const names: string[] = [];
  for (const member of declaration.members) {
    if (ts.isPropertyDeclaration(member) && injectsCacheManager(member)) {
      const name = getPropertyName(member.name);
      if (name) names.push(name);
    }
    if (!ts.isConstructorDeclaration(member)) continue;
    for (const parameter of member.parameters) {
      const isProperty =
        hasModifier(parameter, ts.SyntaxKind.PrivateKeyword) ||
        hasModifier(parameter, ts.SyntaxKind.ProtectedKeyword) ||
        hasModifier(parameter, ts.SyntaxKind.PublicKeyword) ||
        hasModifier(parameter, ts.SyntaxKind.ReadonlyKeyword);
      if (
        isProperty &&
        injectsCacheManager(parameter) &&
        ts.isIdentifier(parameter.name)
      )
        names.push(parameter.name.text);
    }
  }
  return names;
}

function injectsCacheManager(node: ts.Node): boolean {
  if (!getDecoratorNames(node).includes("Inject")) return false;
  const token = getDecoratorArgument(node, "Inject");
  return token !== undefined && /\bCACHE_MANAGER\b/.test(token.getText());
}
