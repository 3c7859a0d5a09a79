import { SOBJECTS, type SObjectSpec } from './sobject-catalog.ts';
import { isTextType, type SfField } from './sobject-field.ts';

/**
 * Describe answers: enough of Salesforce's DescribeSObjectResult and DescribeGlobalResult for a
 * client to introspect names, types, lengths, picklists, lookups and what it may write.
 */

const SOAP_TYPES: Record<SfField['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  phone: 'xsd:string',
  email: 'xsd:string',
  picklist: 'xsd:string',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  currency: 'xsd:double',
  boolean: 'xsd:boolean',
};

function urlsOf(apiBase: string, spec: SObjectSpec) {
  const sobject = `${apiBase}/sobjects/${spec.name}`;
  return { sobject, describe: `${sobject}/describe`, rowTemplate: `${sobject}/{ID}` };
}

function describeField(field: SfField) {
  const text = isTextType(field.type);
  const longText = field.type === 'textarea' && field.length > 255;
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type],
    length: text ? field.length : 0,
    byteLength: text ? field.length * 3 : 0,
    precision: field.type === 'currency' ? 18 : 0,
    scale: field.type === 'currency' ? 2 : 0,
    digits: 0,
    nillable: field.nillable,
    createable: field.createable,
    updateable: field.updateable,
    defaultedOnCreate: field.defaultValue !== null || !field.createable,
    defaultValue: field.defaultValue,
    externalId: field.externalId,
    idLookup: field.type === 'id' || field.externalId,
    unique: field.unique,
    custom: field.custom,
    calculated: false,
    autoNumber: field.name === 'Name' && !field.createable && field.type === 'string',
    nameField: field.name === 'Name',
    caseSensitive: false,
    filterable: !longText,
    sortable: !longText,
    groupable: !longText && field.type !== 'currency',
    restrictedPicklist: field.type === 'picklist',
    picklistValues: field.picklist.map((entry) => ({
      active: true,
      defaultValue: entry.isDefault ?? false,
      label: entry.value,
      validFor: null,
      value: entry.value,
    })),
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    polymorphicForeignKey: field.relationshipName === 'What' || field.relationshipName === 'Who',
    cascadeDelete: false,
    deprecatedAndHidden: false,
  };
}

function childRelationships(spec: SObjectSpec) {
  return SOBJECTS.flatMap((child) =>
    child.fields
      .filter((field) => field.referenceTo.includes(spec.name))
      .map((field) => ({
        childSObject: child.name,
        field: field.name,
        relationshipName: child.custom ? `${child.labelPlural}__r` : child.labelPlural,
        cascadeDelete: false,
        restrictedDelete: false,
        deprecatedAndHidden: false,
      })),
  );
}

/** The object-level properties describeGlobal lists and describe repeats. */
export function describeGlobalEntry(apiBase: string, spec: SObjectSpec) {
  return {
    name: spec.name,
    label: spec.label,
    labelPlural: spec.labelPlural,
    keyPrefix: spec.keyPrefix,
    custom: spec.custom,
    customSetting: false,
    activateable: false,
    createable: true,
    updateable: true,
    deletable: true,
    undeletable: false,
    mergeable: false,
    queryable: true,
    retrieveable: true,
    searchable: true,
    layoutable: true,
    replicateable: true,
    triggerable: true,
    feedEnabled: false,
    mruEnabled: false,
    deprecatedAndHidden: false,
    urls: urlsOf(apiBase, spec),
  };
}

export function describeSObject(apiBase: string, spec: SObjectSpec) {
  return {
    ...describeGlobalEntry(apiBase, spec),
    fields: spec.fields.map(describeField),
    childRelationships: childRelationships(spec),
    recordTypeInfos: [],
    actionOverrides: [],
  };
}

export function describeGlobal(apiBase: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: SOBJECTS.map((spec) => describeGlobalEntry(apiBase, spec)),
  };
}
