export { Customer } from './lib/customer.entity';
export { CustomersModule } from './lib/customers.module';
export { CustomersService } from './lib/customers.service';
export { CustomerRefDto, CUSTOMER_CODE_PATTERN } from './lib/dto/customer.dto';
