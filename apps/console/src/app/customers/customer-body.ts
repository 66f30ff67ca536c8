import { CustomerCreate, CustomerUpdate, Customer } from './customers-data.service';
import { CustomerFormValue } from './customer-form.component';

function optional(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function toCreateBody(value: CustomerFormValue): CustomerCreate {
  return { ...toUpdateBody(value), customerCode: value.customerCode, name: value.name };
}

/** Every editable field is sent, so clearing a field clears it on the server. */
export function toUpdateBody(value: CustomerFormValue): CustomerUpdate {
  return {
    name: value.name,
    type: optional(value.type),
    parentCustomerCode: optional(value.parentCustomerCode),
    contactName: optional(value.contactName),
    contactEmail: optional(value.contactEmail),
    contactPhone: optional(value.contactPhone),
    address: optional(value.address),
    notes: optional(value.notes),
    logo: value.logo,
  };
}

export function toFormValue(customer: Customer): CustomerFormValue {
  return {
    customerCode: customer.customerCode,
    name: customer.name,
    type: customer.type ?? '',
    parentCustomerCode: customer.parentCustomerCode ?? '',
    contactName: customer.contactName ?? '',
    contactEmail: customer.contactEmail ?? '',
    contactPhone: customer.contactPhone ?? '',
    address: customer.address ?? '',
    notes: customer.notes ?? '',
    logo: customer.logo ?? null,
  };
}
