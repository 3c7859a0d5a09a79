import { describe, expect, it } from 'vitest';
import { bitrixProfile } from './bitrix-profile.ts';
import { loadMappingProfile, MappingProfileError } from './load-mapping-profile.ts';
import { mapFields } from './map-fields.ts';
import { salesforceProfile } from './salesforce-profile.ts';

describe('CRM mapping profiles', () => {
  it('the shipped profiles of both flavors load', () => {
    expect(loadMappingProfile(salesforceProfile).version).toBe(1);
    expect(loadMappingProfile(bitrixProfile).flavor).toBe('bitrix24');
  });

  it('refuses a Bitrix24 user field longer than the portal’s 13-character code, and says which', () => {
    const profile = structuredClone(bitrixProfile);
    profile.entities.company.custom = { creditLimitOverdraft: 'UF_CRM_CREDIT_LIMIT_OVERDRAFT' };
    expect(() => loadMappingProfile(profile)).toThrow(
      /UF_CRM_CREDIT_LIMIT_OVERDRAFT has 22 characters after UF_CRM_, Bitrix24 allows 13/,
    );
  });

  it('lists every problem at once: unknown neutral fields, incomplete picklists, custom fields without __c', () => {
    const profile = structuredClone(salesforceProfile);
    profile.entities.company.fields.nickname = { to: 'Nickname__c' };
    profile.entities.company.fields.segment = {
      to: 'Segment__c',
      transform: { kind: 'picklist', values: { small: 'Small' } },
    };
    profile.entities.company.custom = { creditLimit: 'Credit_Limit' };
    try {
      loadMappingProfile(profile);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MappingProfileError);
      expect((error as MappingProfileError).problems).toEqual([
        'entities.company.fields.segment: the picklist has no value for medium, large',
        'entities.company.fields.nickname: company has no neutral field "nickname"',
        'entities.company: Credit_Limit is a custom field and must end in __c',
      ]);
    }
  });

  it('maps neutral fields with their transforms and leaves unmapped ones out', () => {
    const bitrix = loadMappingProfile(bitrixProfile);
    expect(
      mapFields(bitrix.entities.company, { phone: '+7 495 1', custom: { creditLimit: 5 }, unknown: 1 }),
    ).toEqual({
      PHONE: [{ VALUE: '+7 495 1', VALUE_TYPE: 'WORK' }],
      UF_CRM_CREDIT_LIMIT: 5,
    });
    expect(mapFields(bitrix.entities.task, { status: 'done', subject: 'Звонок' })).toEqual({
      OWNER_TYPE_ID: 4,
      ORIGINATOR_ID: 'corebridge',
      COMPLETED: 'Y',
      SUBJECT: 'Звонок',
    });
    const salesforce = loadMappingProfile(salesforceProfile);
    expect(mapFields(salesforce.entities.task, { status: 'in-progress' })).toEqual({ Status: 'In Progress' });
  });
});
