// The KCL lease table (KCL 3: with its LeaseOwnerToLeaseKeyIndex and the WorkerMetricStats and CoordinatorState tables) and the scaler's ledger.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface LeaseTablesProps {
  readonly applicationName: string;
  readonly kclGeneration: '2' | '3';
  readonly scalerTableName: string;
  readonly removalPolicy: RemovalPolicy;
  /** Create the KCL's tables (consumerMode=kcl); false: only the scaler's ledger (the Lambda consumer has no leases). */
  readonly kcl?: boolean;
}

/** The index KCL 3 adds to the lease table (source: the KCL 3 migration guide; dynalite never builds it, so we create it). */
export const LEASE_OWNER_INDEX = 'LeaseOwnerToLeaseKeyIndex';

export class LeaseTables extends Construct {
  /** Named after the application, as the KCL expects; absent without the KCL (consumerMode=lambda). */
  public readonly leaseTable: ITable | undefined;
  /** `<app>-WorkerMetricStats` and `<app>-CoordinatorState` (KCL 3 only). */
  public readonly kcl3Tables: readonly ITable[];
  public readonly scalerTable: ITable;

  public constructor(scope: Construct, id: string, props: LeaseTablesProps) {
    super(scope, id);
    const common = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy,
    };
    const kcl3Tables: Table[] = [];
    const leaseTable =
      props.kcl === false
        ? undefined
        : new Table(this, 'LeaseTable', {
            ...common,
            tableName: props.applicationName,
            partitionKey: { name: 'leaseKey', type: AttributeType.STRING },
          });
    if (leaseTable !== undefined && props.kclGeneration === '3') {
      leaseTable.addGlobalSecondaryIndex({
        indexName: LEASE_OWNER_INDEX,
        partitionKey: { name: 'leaseOwner', type: AttributeType.STRING },
        sortKey: { name: 'leaseKey', type: AttributeType.STRING },
        projectionType: ProjectionType.KEYS_ONLY,
      });
      kcl3Tables.push(
        new Table(this, 'WorkerMetricStats', {
          ...common,
          tableName: `${props.applicationName}-WorkerMetricStats`,
          partitionKey: { name: 'wid', type: AttributeType.STRING },
        }),
        new Table(this, 'CoordinatorState', {
          ...common,
          tableName: `${props.applicationName}-CoordinatorState`,
          partitionKey: { name: 'key', type: AttributeType.STRING },
        }),
      );
    }
    this.leaseTable = leaseTable;
    this.kcl3Tables = kcl3Tables;
    // The scaler's lock and ledger: the shape operator/scaler/scaler-store.ts creates when the table is missing.
    this.scalerTable = new Table(this, 'ScalerTable', {
      ...common,
      tableName: props.scalerTableName,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
    });
  }
}
