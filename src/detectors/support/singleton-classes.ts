import { ts } from "ts-morph";

import type { FileFacts } from "../../engine/facts/file-facts.js";
import type { ProjectFacts } from "../../engine/facts/project-facts.js";
import {
  NEST_LIFECYCLE_METHODS,
  NEST_SINGLETON_DECORATORS,
} from "../../engine/facts/request-scope.js";
import {
  getCalleeName,
  getDecoratorNames,
  getObjectPropertyValue,
  getPropertyName,
  hasModifier,
  unwrapExpression,
} from "../../engine/ast/nodes.js";
import { listExportNames, listImportedReferences } from "./importers.js";

export type ClassLike = ts.ClassDeclaration | ts.ClassExpression;

/** A class whose one instance serves every request of the process. */
export interface SingletonClass {
  declaration: ClassLike;
  name: string;
  /** Description of the class and why it is shared, for messages. */
  label: string;
  nest: boolean;
  /** Instance members whose code runs while serving a request. */
  requestMembers: Set<ts.ClassElement>;
}

/** Method decorators of scheduled jobs, which run on a timer rather than per request. */
const SCHEDULED_DECORATORS = new Set(["Cron", "Interval", "Timeout"]);

/** Calls that register a function as a route handler or event listener. */
const REGISTER_METHODS = new Set([
  "get",
  "post",
  "put",
  "patch",
  "delete",
  "all",
  "use",
  "route",
  "on",
  "handle",
]);

/** Static methods that return the one shared instance of their class. */
const INSTANCE_GETTER = /^(get_?instance|instance|shared|getShared|default)$/i;

const NEST_LABELS: Record<string, string> = {
  Injectable: "NestJS provider",
  Controller: "NestJS controller",
  Resolver: "NestJS resolver",
  WebSocketGateway: "NestJS gateway",
};

/**
 * Decides whether one instance of the class serves every request. Nest
 * providers, controllers, resolvers and gateways without request scope do,
 * and so do classes the typedi or tsyringe container keeps as singletons
 * and the base classes of all those. A plain class does when it is
 * instantiated once at module level, in this file or a file importing it.
 */
export function findSingletonClass(
  file: FileFacts,
  project: ProjectFacts,
  declaration: ClassLike,
): SingletonClass | undefined {
  const name = declaration.name?.text ?? "the anonymous class";
  const containerLabel = getContainerLabel(file, declaration);
  if (containerLabel) {
    if (isRequestScoped(project, declaration, 2)) return undefined;
    const lifetime = containerLabel.includes("transient")
      ? "created once for each class that injects it and kept for the life of the process"
      : "a singleton shared by every request";
    return {
      declaration,
      name,
      label: `the ${containerLabel} \`${name}\`, ${lifetime}`,
      nest: containerLabel.startsWith("NestJS"),
      requestMembers: listContainerRequestMembers(declaration),
    };
  }

  const subclass = findSingletonSubclass(file, project, declaration);
  if (subclass) {
    return {
      declaration,
      name,
      label: `\`${name}\`, the base class of ${subclass.label}`,
      nest: subclass.nest,
      requestMembers: listContainerRequestMembers(declaration),
    };
  }

  const uses = findInstanceUses(file, project, declaration);
  if (uses.length === 0) return undefined;
  return {
    declaration,
    name,
    label: `\`${name}\`, whose single module-level instance serves every request`,
    nest: false,
    requestMembers: listReachedMembers(file, declaration, uses, false),
  };
}

/**
 * Finds a container-managed singleton of the project that extends the
 * class, such as a gateway built on an undecorated base class: the base
 * class's fields then live in that singleton.
 */
function findSingletonSubclass(
  file: FileFacts,
  project: ProjectFacts,
  declaration: ClassLike,
): SingletonClass | undefined {
  const name = declaration.name?.text;
  if (!name) return undefined;
  for (const owner of project.listFilesWith([`extends:${name}`])) {
    for (const candidate of owner.walk.classes) {
      const extended = candidate.heritageClauses?.find(
        (clause) => clause.token === ts.SyntaxKind.ExtendsKeyword,
      )?.types[0];
      if (extended?.expression.getText() !== name || candidate === declaration)
        continue;
      if (owner !== file && !importsName(owner, name)) continue;
      const label = getContainerLabel(owner, candidate);
      if (!label || isRequestScoped(project, candidate, 2)) continue;
      const subclassName = candidate.name?.text ?? "an anonymous class";
      return {
        declaration: candidate,
        name: subclassName,
        label: `the ${label} \`${subclassName}\`, a singleton shared by every request`,
        nest: label.startsWith("NestJS"),
        requestMembers: new Set(),
      };
    }
  }
  return undefined;
}

function importsName(file: FileFacts, name: string): boolean {
  return file.imports.some(
    (binding) => binding.local === name && binding.module.startsWith("."),
  );
}

function getContainerLabel(
  file: FileFacts,
  declaration: ClassLike,
): string | undefined {
  const names = getDecoratorNames(declaration);
  if (names.includes("JsonController")) return "routing-controllers controller";
  const nest = names.find((decorator) =>
    NEST_SINGLETON_DECORATORS.has(decorator),
  );
  if (nest === "Controller" && file.importsAny(["routing-controllers"]))
    return "routing-controllers controller";
  if (nest) {
    const transient = /\bTRANSIENT\b/.test(readScopeOption(declaration) ?? "");
    const label = NEST_LABELS[nest] ?? "NestJS provider";
    return transient ? `${label} with transient scope` : label;
  }
  for (const decorator of ts.getDecorators(declaration) ?? []) {
    const expression = decorator.expression;
    if (!ts.isCallExpression(expression)) continue;
    if (file.isSymbol(expression.expression, ["typedi"], ["Service"]))
      return "typedi service";
    if (file.isSymbol(expression.expression, ["tsyringe"], ["singleton"]))
      return "tsyringe singleton";
  }
  return undefined;
}

/** Returns the text of the `scope` option given to any class decorator. */
function readScopeOption(declaration: ClassLike): string | undefined {
  for (const decorator of ts.getDecorators(declaration) ?? []) {
    const expression = decorator.expression;
    if (!ts.isCallExpression(expression)) continue;
    for (const argument of expression.arguments) {
      const value = unwrapExpression(argument);
      if (!ts.isObjectLiteralExpression(value)) continue;
      const scope = getObjectPropertyValue(value, "scope");
      if (scope) return scope.getText();
    }
  }
  return undefined;
}

/**
 * True when Nest creates the class per request: `scope: Scope.REQUEST`, an
 * injected `REQUEST` or `CONTEXT`, or an injected class of the project that
 * is itself request-scoped (request scope bubbles up the injection chain).
 */
function isRequestScoped(
  project: ProjectFacts,
  declaration: ClassLike,
  depth: number,
): boolean {
  if (/\bREQUEST\b/.test(readScopeOption(declaration) ?? "")) return true;
  for (const member of declaration.members) {
    if (ts.isPropertyDeclaration(member) && injectsRequest(member)) return true;
    if (!ts.isConstructorDeclaration(member)) continue;
    for (const parameter of member.parameters) {
      if (injectsRequest(parameter)) return true;
      const type = parameter.type;
      if (depth > 0 && type && ts.isTypeReferenceNode(type)) {
        const injected = findProjectClass(project, type.typeName.getText());
        if (injected && isRequestScoped(project, injected, depth - 1))
          return true;
      }
    }
  }
  return false;
}

function injectsRequest(node: ts.Node): boolean {
  for (const decorator of ts.canHaveDecorators(node)
    ? (ts.getDecorators(node) ?? [])
    : []) {
    const expression = decorator.expression;
    if (
      ts.isCallExpression(expression) &&
      getCalleeName(expression) === "Inject" &&
      /^(REQUEST|CONTEXT)$/.test(expression.arguments[0]?.getText() ?? "")
    ) {
      return true;
    }
  }
  return false;
}

function findProjectClass(
  project: ProjectFacts,
  name: string,
): ClassLike | undefined {
  for (const file of project.listFilesWith([`class:${name}`])) {
    const found = file.walk.classes.find(
      (declaration) => declaration.name?.text === name,
    );
    if (found) return found;
  }
  return undefined;
}

/** Returns the member's name, or undefined for computed names. */
export function getMemberName(member: ts.ClassElement): string | undefined {
  return member.name ? getPropertyName(member.name) : undefined;
}

/** True for methods, accessors and properties initialised with an arrow function. */
function isCodeMember(member: ts.ClassElement): boolean {
  if (
    ts.isMethodDeclaration(member) ||
    ts.isGetAccessorDeclaration(member) ||
    ts.isSetAccessorDeclaration(member)
  ) {
    return true;
  }
  if (!ts.isPropertyDeclaration(member) || !member.initializer) return false;
  const value = unwrapExpression(member.initializer);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
}

/**
 * Lists the members of a container-managed class that serve requests: every
 * instance method except lifecycle hooks, scheduled jobs, and helpers that
 * only lifecycle hooks call.
 */
function listContainerRequestMembers(
  declaration: ClassLike,
): Set<ts.ClassElement> {
  const callers = collectThisCallers(declaration);
  const startup = new Set<string>(NEST_LIFECYCLE_METHODS);
  for (let round = 0; round < 2; round++) {
    for (const [name, members] of callers) {
      const member = declaration.members.find(
        (candidate) => getMemberName(candidate) === name,
      );
      if (!member || getDecoratorNames(member).length > 0) continue;
      const onlyStartup = [...members].every((caller) => {
        const callerName = getMemberName(caller);
        return callerName !== undefined && startup.has(callerName);
      });
      if (onlyStartup) startup.add(name);
    }
  }

  const members = new Set<ts.ClassElement>();
  for (const member of declaration.members) {
    if (
      !isCodeMember(member) ||
      hasModifier(member, ts.SyntaxKind.StaticKeyword)
    )
      continue;
    const name = getMemberName(member);
    if (!name || startup.has(name)) continue;
    if (getDecoratorNames(member).some((d) => SCHEDULED_DECORATORS.has(d)))
      continue;
    members.add(member);
  }
  return members;
}

/** Maps each method name to the members that call it as `this.name(...)`. */
function collectThisCallers(
  declaration: ClassLike,
): Map<string, Set<ts.ClassElement>> {
  const callers = new Map<string, Set<ts.ClassElement>>();
  for (const member of declaration.members) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = unwrapExpression(node.expression);
        if (
          ts.isPropertyAccessExpression(callee) &&
          callee.expression.kind === ts.SyntaxKind.ThisKeyword
        ) {
          const set = callers.get(callee.name.text) ?? new Set();
          set.add(member);
          callers.set(callee.name.text, set);
        }
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(member, visit);
  }
  return callers;
}

/** An expression, in this file or another, that evaluates to the class's shared instance. */
export interface InstanceUse {
  file: FileFacts;
  expression: ts.Expression;
}

/**
 * Finds the expressions that denote the one module-level instance of a
 * class: references to `const x = new K()` (or `K.getInstance()`) in this
 * file or an importing file, and imports of `export default new K()`.
 */
function findInstanceUses(
  file: FileFacts,
  project: ProjectFacts,
  declaration: ClassLike,
): InstanceUse[] {
  const uses: InstanceUse[] = [];
  const addInstance = (owner: FileFacts, node: ts.Node): void => {
    const variable = owner.walk.declarations.find(
      (candidate) => candidate.node === node && owner.isModuleLevel(candidate),
    );
    if (variable) {
      for (const reference of owner.listReferences(variable))
        uses.push({ file: owner, expression: reference });
    }
    const names = listExportNames(owner, node);
    if (names.length === 0) return;
    for (const reference of listImportedReferences(project, owner, names))
      uses.push(reference);
  };

  const isThisClass = (owner: FileFacts, expression: ts.Expression) =>
    denotesClass(owner, expression, declaration, file);

  const classExports = ts.isClassDeclaration(declaration)
    ? listExportNames(file, declaration)
    : [];
  // An instance made in this file is spelled `new Name(`; without that
  // text and without importers, the class has no module-level instance.
  const name = declaration.name?.text;
  const newInFile = name === undefined || file.text.includes(`new ${name}`);
  if (!newInFile && classExports.length === 0) return uses;
  if (newInFile) collectModuleInstances(file, isThisClass, addInstance, uses);
  if (classExports.length > 0) {
    const importers = new Set(
      listImportedReferences(project, file, classExports).map(
        (reference) => reference.file,
      ),
    );
    for (const importer of importers)
      collectModuleInstances(importer, isThisClass, addInstance, uses);
  }
  return uses;
}

function collectModuleInstances(
  owner: FileFacts,
  isThisClass: (owner: FileFacts, expression: ts.Expression) => boolean,
  addInstance: (owner: FileFacts, node: ts.Node) => void,
  uses: InstanceUse[],
): void {
  for (const variable of owner.walk.declarations) {
    if (!owner.isModuleLevel(variable) || !variable.initializer) continue;
    if (createsInstance(owner, variable.initializer, isThisClass))
      addInstance(owner, variable.node);
  }
  const exported = owner.walk.exports.get("default");
  if (
    exported &&
    !ts.isVariableDeclaration(exported) &&
    ts.isExpression(exported as ts.Expression) &&
    createsInstance(owner, exported as ts.Expression, isThisClass)
  ) {
    addInstance(owner, exported);
  }
  // `K.getInstance()` called anywhere returns the shared instance itself.
  for (const call of owner.walk.calls) {
    const callee = unwrapExpression(call.expression);
    if (
      ts.isPropertyAccessExpression(callee) &&
      INSTANCE_GETTER.test(callee.name.text) &&
      isThisClass(owner, callee.expression) &&
      !isModuleLevelInitializer(owner, call)
    ) {
      uses.push({ file: owner, expression: call });
    }
  }
}

function createsInstance(
  owner: FileFacts,
  expression: ts.Expression,
  isThisClass: (owner: FileFacts, expression: ts.Expression) => boolean,
): boolean {
  const value = unwrapExpression(expression);
  if (ts.isNewExpression(value)) return isThisClass(owner, value.expression);
  if (ts.isCallExpression(value)) {
    const callee = unwrapExpression(value.expression);
    return (
      ts.isPropertyAccessExpression(callee) &&
      INSTANCE_GETTER.test(callee.name.text) &&
      isThisClass(owner, callee.expression)
    );
  }
  return false;
}

function isModuleLevelInitializer(
  owner: FileFacts,
  call: ts.CallExpression,
): boolean {
  const parent = call.parent;
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== call)
    return false;
  return owner.walk.declarations.some(
    (candidate) => candidate.node === parent && owner.isModuleLevel(candidate),
  );
}

/** True when the expression names the class: locally, or through an import of its file. */
function denotesClass(
  owner: FileFacts,
  expression: ts.Expression,
  declaration: ClassLike,
  home: FileFacts,
): boolean {
  const value = unwrapExpression(expression);
  if (!ts.isIdentifier(value)) return false;
  if (owner === home) {
    const resolved = owner.scopes.resolve(value);
    if (resolved?.node === declaration) return true;
    const initializer =
      resolved?.initializer && unwrapExpression(resolved.initializer);
    return initializer === declaration;
  }
  const binding = owner.getImport(value);
  if (!binding || !ts.isClassDeclaration(declaration)) return false;
  const names = listExportNames(home, declaration);
  const imported = binding.imported === "*" ? "default" : binding.imported;
  return names.includes(imported);
}

/**
 * Lists the members that request code reaches through the shared instance
 * (`instance.method()` in a handler, or `instance.method` registered as a
 * handler), the members the engine already treats as handlers, and the
 * members those call through `this`, two levels deep.
 */
export function listReachedMembers(
  file: FileFacts,
  declaration: ClassLike,
  uses: readonly InstanceUse[],
  isStatic: boolean,
): Set<ts.ClassElement> {
  const reached = new Set<string>();
  for (const use of uses) {
    const name = getReachedName(use);
    if (name) reached.add(name);
  }

  const members = new Set<ts.ClassElement>();
  const matches = (member: ts.ClassElement) =>
    isCodeMember(member) &&
    hasModifier(member, ts.SyntaxKind.StaticKeyword) === isStatic;
  for (const member of declaration.members) {
    if (!matches(member)) continue;
    const name = getMemberName(member);
    if ((name && reached.has(name)) || isEngineRequestMember(file, member))
      members.add(member);
  }

  const callers = collectThisCallers(declaration);
  for (let round = 0; round < 2; round++) {
    for (const [name, callingMembers] of callers) {
      if (![...callingMembers].some((caller) => members.has(caller))) continue;
      const target = declaration.members.find(
        (member) => matches(member) && getMemberName(member) === name,
      );
      if (target) members.add(target);
    }
  }
  return members;
}

/** Returns the member a use of the instance reaches from request code, if any. */
function getReachedName(use: InstanceUse): string | undefined {
  const access = use.expression.parent;
  if (
    !ts.isPropertyAccessExpression(access) ||
    access.expression !== use.expression
  ) {
    return undefined;
  }
  const name = access.name.text;
  const parent = access.parent;
  if (ts.isCallExpression(parent) && parent.expression === access)
    return use.file.isInRequestScope(parent) ? name : undefined;

  // `router.post("/x", ctl.login)` or `ctl.login.bind(ctl)` as a handler.
  let handler: ts.Node = access;
  if (
    ts.isPropertyAccessExpression(parent) &&
    parent.name.text === "bind" &&
    ts.isCallExpression(parent.parent)
  ) {
    handler = parent.parent;
  }
  const registration = handler.parent;
  if (
    registration &&
    ts.isCallExpression(registration) &&
    registration.arguments.includes(handler as ts.Expression) &&
    REGISTER_METHODS.has(getCalleeName(registration) ?? "")
  ) {
    return name;
  }
  return undefined;
}

function isEngineRequestMember(
  file: FileFacts,
  member: ts.ClassElement,
): boolean {
  if (ts.isPropertyDeclaration(member)) {
    const value = member.initializer && unwrapExpression(member.initializer);
    return (
      value !== undefined &&
      (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) &&
      file.requestScope.getDepth(value) !== undefined
    );
  }
  return file.requestScope.getDepth(member) !== undefined;
}

/** Lists expressions that name the class itself, here and in importing files. */
export function findClassReferences(
  file: FileFacts,
  project: ProjectFacts,
  declaration: ClassLike,
): InstanceUse[] {
  const uses: InstanceUse[] = [];
  if (ts.isClassDeclaration(declaration) && declaration.name) {
    const own = file.walk.declarations.find(
      (candidate) => candidate.node === declaration,
    );
    if (own) {
      for (const reference of file.listReferences(own))
        uses.push({ file, expression: reference });
    }
    const names = listExportNames(file, declaration);
    if (names.length > 0)
      uses.push(...listImportedReferences(project, file, names));
  }
  return uses;
}
