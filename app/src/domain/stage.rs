//! The stages a case moves through, named as users see them, and the work
//! tray ("in progress" or "live") each belongs to.

use crate::domain::stored::stored_enum;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// Where a case is on the statutory pathway.
    #[derive(Hash)]
    pub enum Stage {
        RequestReceived = "request_received",
        InformationGathering = "information_gathering",
        NeedsAssessment = "needs_assessment",
        DraftBeingDrafted = "draft_being_drafted",
        DraftShared = "draft_shared",
        ReviewPending = "review_pending",
        ReviewInProgress = "review_in_progress",
        Closed = "closed",
    }
}

/// The caseworker's work trays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Tray {
    /// From the request to the final plan.
    #[default]
    InProgress,
    /// A plan is in force and is reviewed every year.
    Live,
    /// Finished: assessment refused, plan not issued or ceased.
    Closed,
}

impl Stage {
    /// The status as users see it on screen.
    pub fn label(self) -> &'static str {
        match self {
            Stage::RequestReceived => "Request received",
            Stage::InformationGathering => "Information gathering",
            Stage::NeedsAssessment => "Needs assessment: advice being gathered",
            Stage::DraftBeingDrafted => "Draft EHC plan (being drafted)",
            Stage::DraftShared => "Draft EHC plan (shared)",
            Stage::ReviewPending => "Final plan issued: review pending",
            Stage::ReviewInProgress => "Annual review in progress",
            Stage::Closed => "Closed",
        }
    }

    pub fn tray(self) -> Tray {
        match self {
            Stage::ReviewPending | Stage::ReviewInProgress => Tray::Live,
            Stage::Closed => Tray::Closed,
            _ => Tray::InProgress,
        }
    }
}

impl Tray {
    pub fn label(self) -> &'static str {
        match self {
            Tray::InProgress => "My cases in progress",
            Tray::Live => "My live cases",
            Tray::Closed => "Closed cases",
        }
    }

    /// The value used in the page address (`?tray=live`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tray::InProgress => "in-progress",
            Tray::Live => "live",
            Tray::Closed => "closed",
        }
    }

    /// Reads the tray from the page address; anything unknown means the default tray.
    pub fn from_query(s: Option<&str>) -> Tray {
        match s {
            Some("live") => Tray::Live,
            Some("closed") => Tray::Closed,
            _ => Tray::InProgress,
        }
    }

    pub fn stages(self) -> Vec<Stage> {
        Stage::ALL.into_iter().filter(|s| s.tray() == self).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_round_trips_through_its_stored_name() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
        assert_eq!(Stage::parse("nonsense"), None);
    }

    #[test]
    fn stages_fall_into_the_trays_caseworkers_expect() {
        assert_eq!(Stage::DraftShared.tray(), Tray::InProgress);
        assert_eq!(Stage::ReviewPending.tray(), Tray::Live);
        assert_eq!(Stage::ReviewInProgress.tray(), Tray::Live);
        assert_eq!(Stage::Closed.tray(), Tray::Closed);
        let all: usize = [Tray::InProgress, Tray::Live, Tray::Closed]
            .iter()
            .map(|t| t.stages().len())
            .sum();
        assert_eq!(all, Stage::ALL.len());
    }

    #[test]
    fn unknown_tray_in_the_address_means_in_progress() {
        assert_eq!(Tray::from_query(Some("live")), Tray::Live);
        assert_eq!(Tray::from_query(Some("bogus")), Tray::InProgress);
        assert_eq!(Tray::from_query(None), Tray::InProgress);
    }
}
