import type { Migration } from 'kysely';
import * as m20261126_0001 from './20261126_0001_foundation.js';
import * as m20261126_0002 from './20261126_0002_estate_delivered_on.js';
import * as m20261126_0003 from './20261126_0003_calendar.js';
import * as m20261127_0004 from './20261127_0004_public_notices.js';
import * as m20261127_0005 from './20261127_0005_notifications.js';
import * as m20261127_0006 from './20261127_0006_notice_attachments.js';
import * as m20261127_0007 from './20261127_0007_reminder_marks.js';
import * as m20261127_0008 from './20261127_0008_registry.js';
import * as m20261127_0012 from './20261127_0012_formation.js';
import * as m20261127_0013 from './20261127_0013_decisions.js';
import * as m20261127_0014 from './20261127_0014_ballot_indexes.js';
import * as m20261127_0015 from './20261127_0015_spoiled_ballots.js';
import * as m20261127_0016 from './20261127_0016_audit_head_row.js';
import * as m20261127_0017 from './20261127_0017_ballot_reference_checks.js';
import * as m20261127_0018 from './20261127_0018_roll_order.js';
import * as m20261128_0019 from './20261128_0019_district_kind.js';
import * as m20261128_0020 from './20261128_0020_district_root.js';
import * as m20261204_0021 from './20261204_0021_notice_backdate.js';
import * as m20261205_0060 from './20261205_0060_receipt_lookups.js';
import * as m20261205_0061 from './20261205_0061_owner_settings.js';
import * as m20261205_0062 from './20261205_0062_outbound_messages.js';
import * as m20261205_0070 from './20261205_0070_coordination.js';
import * as m20261206_0030 from './20261206_0030_committee_meetings.js';
import * as m20261206_0031 from './20261206_0031_negative_list.js';
import * as m20261206_0032 from './20261206_0032_committee_changes.js';
import * as m20261206_0033 from './20261206_0033_annual_report.js';
import * as m20261206_0034 from './20261206_0034_training.js';
import * as m20261207_0035 from './20261207_0035_committee_work.js';
import * as m20261205_0040 from './20261205_0040_service_desk.js';
import * as m20261205_0041 from './20261205_0041_stations_duty.js';
import * as m20261205_0042 from './20261205_0042_cobuilding.js';
import * as m20261206_0071 from './20261206_0071_committee_requests.js';
import * as m20261206_0080 from './20261206_0080_disclosures.js';
import * as m20261207_0090 from './20261207_0090_survey.js';

/**
 * Every migration, in order. A migration is never edited after it lands: add a new file
 * (timestamp_sequence_name.ts) and list it here.
 */
export const migrations: Record<string, Migration> = {
  '20261126_0001_foundation': m20261126_0001,
  '20261126_0002_estate_delivered_on': m20261126_0002,
  '20261126_0003_calendar': m20261126_0003,
  '20261127_0004_public_notices': m20261127_0004,
  '20261127_0005_notifications': m20261127_0005,
  '20261127_0006_notice_attachments': m20261127_0006,
  '20261127_0007_reminder_marks': m20261127_0007,
  '20261127_0008_registry': m20261127_0008,
  '20261127_0012_formation': m20261127_0012,
  '20261127_0013_decisions': m20261127_0013,
  '20261127_0014_ballot_indexes': m20261127_0014,
  '20261127_0015_spoiled_ballots': m20261127_0015,
  '20261127_0016_audit_head_row': m20261127_0016,
  '20261127_0017_ballot_reference_checks': m20261127_0017,
  '20261127_0018_roll_order': m20261127_0018,
  '20261128_0019_district_kind': m20261128_0019,
  '20261128_0020_district_root': m20261128_0020,
  '20261204_0021_notice_backdate': m20261204_0021,
  '20261205_0060_receipt_lookups': m20261205_0060,
  '20261205_0061_owner_settings': m20261205_0061,
  '20261205_0062_outbound_messages': m20261205_0062,
  '20261205_0070_coordination': m20261205_0070,
  '20261205_0040_service_desk': m20261205_0040,
  '20261205_0041_stations_duty': m20261205_0041,
  '20261205_0042_cobuilding': m20261205_0042,
  '20261206_0071_committee_requests': m20261206_0071,
  '20261206_0080_disclosures': m20261206_0080,
  '20261206_0030_committee_meetings': m20261206_0030,
  '20261206_0031_negative_list': m20261206_0031,
  '20261206_0032_committee_changes': m20261206_0032,
  '20261206_0033_annual_report': m20261206_0033,
  '20261206_0034_training': m20261206_0034,
  '20261207_0035_committee_work': m20261207_0035,
  '20261207_0090_survey': m20261207_0090,
};
