import { AdminTokenRepository } from './admin-token.repository';
import { CdrRepository } from './cdr.repository';
import { CommandRepository } from './command.repository';
import { CredentialTokenRepository } from './credential-token.repository';
import { DeliveryRepository } from './delivery.repository';
import { ForwardLinkRepository } from './forward-link.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { LeniencyRepository } from './leniency.repository';
import { LocationRepository } from './location.repository';
import { OutboxRepository } from './outbox.repository';
import { OutboxLeases } from './outbox-leases';
import { PartnerRepository } from './partner.repository';
import { SessionRepository } from './session.repository';
import type { StoredModule, StoredObjectRepository } from './stored-object.repository';
import { TariffRepository } from './tariff.repository';
import type { TenantTable } from './tenant-table';
import { TokenRepository } from './token.repository';
import { UrlMappingRepository } from './url-mapping.repository';

/**
 * Every repository of one tenant's table. Code outside `store/` reaches tenant data only through this
 * object (handed out per tenant by `TenantStores.forTenant`), never through the table itself, so key
 * layouts and item shapes stay inside `store/` (docs/architecture.md "Table layout").
 */
export class TenantRepositories {
  readonly partners: PartnerRepository;
  readonly credentialTokens: CredentialTokenRepository;
  readonly adminTokens: AdminTokenRepository;
  readonly locations: LocationRepository;
  readonly tariffs: TariffRepository;
  readonly tokens: TokenRepository;
  readonly sessions: SessionRepository;
  readonly cdrs: CdrRepository;
  readonly commands: CommandRepository;
  readonly idempotency: IdempotencyRepository;
  readonly urlMappings: UrlMappingRepository;
  readonly forwardLinks: ForwardLinkRepository;
  readonly outbox: OutboxRepository;
  readonly deliveries: DeliveryRepository;
  readonly outboxLeases: OutboxLeases;
  readonly leniencies: LeniencyRepository;

  constructor(table: TenantTable) {
    // Repositories hold nothing but the table: building them all once per tenant costs nothing per request.
    this.partners = new PartnerRepository(table);
    this.credentialTokens = new CredentialTokenRepository(table);
    this.adminTokens = new AdminTokenRepository(table);
    this.locations = new LocationRepository(table);
    this.tariffs = new TariffRepository(table);
    this.tokens = new TokenRepository(table);
    this.sessions = new SessionRepository(table);
    this.cdrs = new CdrRepository(table);
    this.commands = new CommandRepository(table);
    this.idempotency = new IdempotencyRepository(table);
    this.urlMappings = new UrlMappingRepository(table);
    this.forwardLinks = new ForwardLinkRepository(table);
    this.outbox = new OutboxRepository(table);
    this.deliveries = new DeliveryRepository(table);
    this.outboxLeases = new OutboxLeases(table);
    this.leniencies = new LeniencyRepository(table);
  }

  /** The repository of a module whose objects the hub stores for GET-all. */
  objects(module: StoredModule): StoredObjectRepository<unknown> {
    if (module === 'locations') return this.locations as StoredObjectRepository<unknown>;
    if (module === 'tariffs') return this.tariffs as StoredObjectRepository<unknown>;
    return this.tokens as StoredObjectRepository<unknown>;
  }
}
