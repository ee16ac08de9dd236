//! sea-orm entities: one per table. Models stay inside `store`; pages receive
//! the view types their server functions build from them.

pub mod account;
pub mod account_token;
pub mod advice;
pub mod advice_request;
pub mod assessment_request;
pub mod audit_event;
pub mod case_exception;
pub mod case_link;
pub mod child;
pub mod child_name_word;
pub mod decision;
pub mod decision_challenge;
pub mod ehc_case;
pub mod email_outbox;
pub mod family_views;
pub mod hub_setting;
pub mod local_authority;
pub mod plan_comment;
pub mod plan_consultee;
pub mod plan_part;
pub mod plan_version;
pub mod session;
pub mod setting_consultation;
pub mod sign_in_throttle;
pub mod team;
pub mod upload;
