//! Wasm-safe domain rules shared by the server and the browser: typed ids,
//! stages, dates, statutory deadlines and the validation of what users type.

pub mod access;
pub mod advice;
pub mod advice_in_plan;
pub mod advice_template;
pub mod assessment_request;
pub mod audit;
pub mod capability;
pub mod case;
pub mod cease;
pub mod challenge;
pub mod dates;
pub mod deadlines;
pub mod decision;
pub mod email;
pub mod exception;
pub mod figures;
pub mod ids;
pub mod names;
pub mod new_case;
pub mod passwords;
pub mod pathway;
pub mod plan;
pub mod provision_check;
#[cfg(test)]
mod provision_corpus;
pub mod requester;
pub mod role;
pub mod sen2;
pub mod stage;
pub mod stored;
pub mod team_kind;
pub mod uploads;
pub mod viewer;
pub mod views;
pub mod workflow;
