import { accountsOf } from './accounts.ts';
import { HOME_BANK, homeBranch } from './bank.ts';
import type { ClientProfile } from './client-profile.ts';
import { organisationOf } from './organisation.ts';
import type { WorldContext } from './world-context.ts';
import type { LegalDetails } from './world-types.ts';

/** The MDM's record of a client: the same INN, KPP and OGRN as the CRM card, plus bank requisites. */
export function legalDetailsOf(ctx: WorldContext, profile: ClientProfile): LegalDetails {
  const organisation = organisationOf(ctx, profile);
  const branch = homeBranch(profile.region);
  return {
    clientId: organisation.id,
    inn: organisation.inn,
    kpp: organisation.kpp,
    ogrn: organisation.ogrn,
    legalAddress: organisation.legalAddress,
    bankRequisites: {
      bankName: HOME_BANK.shortName,
      bic: branch.bic,
      correspondentAccount: branch.correspondentAccount,
      settlementAccounts: accountsOf(ctx, profile).map((account) => account.number),
    },
  };
}
