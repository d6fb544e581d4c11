import {
  type Company,
  type CompanyInput,
  type CompanyPatch,
  companySchema,
  type CompanyWith,
} from '../schemas/company';
import type { Request } from '../transport';
import { entityMethods } from './entity-methods';

/** https://developers.kommo.com/reference/companies-list */
export function companyMethods(request: Request) {
  const m = entityMethods<Company, CompanyWith, CompanyInput, CompanyPatch>(
    request,
    'companies',
    companySchema,
  );
  return {
    listCompanies: m.list,
    iterateCompanies: m.iterate,
    getCompany: m.get,
    createCompanies: m.create,
    updateCompanies: m.update,
    updateCompany: m.updateOne,
  };
}
