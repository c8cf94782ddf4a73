/** The tenant's payment methods, oldest first. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { PaymentRepository } from '../../payment.repository';
import { PaymentMethod } from '../../payment.row';
import { ListPaymentMethodsCommand } from './list-payment-methods.command';

@Injectable()
export class ListPaymentMethodsUseCase {
  constructor(private readonly payments: PaymentRepository) {}

  execute(command: ListPaymentMethodsCommand): Promise<PaymentMethod[]> {
    return this.payments.methods(tenantScope(command.tenantId));
  }
}
