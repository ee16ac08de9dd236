//! The schema's history. Each migration runs once, in order, on SQLite and on
//! PostgreSQL alike. Never edit a migration that has shipped: add a new one.

mod m20261122_000001_core;
mod m20261123_000001_accounts;
mod m20261123_000002_account_tokens;
mod m20261124_000001_plans;
mod m20261202_000001_email_outbox;
mod m20261202_000002_sign_in_throttle;
mod m20261203_000001_sign_in_pacing;
mod m20261203_000002_second_factor_tries;
mod m20261204_000001_sealed_authenticator_keys;
mod m20261205_000001_tray_order_index;
mod m20261206_000001_uploads;
mod m20261206_000002_family_views;
mod m20261207_000001_upload_writer;
mod m20261207_000002_advice_requests;
mod m20261207_000003_team_answers;
mod m20261208_000001_advice;
mod m20261209_000001_decisions;
mod m20261209_000002_hub_settings;
mod m20261209_000003_trays_at_scale;
mod m20261210_000001_assessment_requests;
mod m20261210_000002_decision_challenges;
mod m20261211_000001_return_details;
mod m20261211_000002_child_name_words;
mod m20261212_000001_reopening_and_ceasing;

use sea_orm_migration::{MigrationTrait, MigratorTrait};

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_core::Migration),
            Box::new(m20261123_000001_accounts::Migration),
            Box::new(m20261123_000002_account_tokens::Migration),
            Box::new(m20261124_000001_plans::Migration),
            Box::new(m20261202_000001_email_outbox::Migration),
            Box::new(m20261202_000002_sign_in_throttle::Migration),
            Box::new(m20261203_000001_sign_in_pacing::Migration),
            Box::new(m20261203_000002_second_factor_tries::Migration),
            Box::new(m20261204_000001_sealed_authenticator_keys::Migration),
            Box::new(m20261205_000001_tray_order_index::Migration),
            Box::new(m20261206_000001_uploads::Migration),
            Box::new(m20261206_000002_family_views::Migration),
            Box::new(m20261207_000001_upload_writer::Migration),
            Box::new(m20261207_000002_advice_requests::Migration),
            Box::new(m20261207_000003_team_answers::Migration),
            Box::new(m20261208_000001_advice::Migration),
            Box::new(m20261209_000001_decisions::Migration),
            Box::new(m20261209_000002_hub_settings::Migration),
            Box::new(m20261209_000003_trays_at_scale::Migration),
            Box::new(m20261210_000001_assessment_requests::Migration),
            Box::new(m20261210_000002_decision_challenges::Migration),
            Box::new(m20261211_000001_return_details::Migration),
            Box::new(m20261211_000002_child_name_words::Migration),
            Box::new(m20261212_000001_reopening_and_ceasing::Migration),
        ]
    }
}
