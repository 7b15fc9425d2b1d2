//! Small fixed-size maps keyed by the model's enumerations (modality, contraband,
//! concealment, border). They serialise as JSON objects with readable keys, so a
//! scenario file reads like a planner's table rather than an array of anonymous numbers.

use serde::{Deserialize, Serialize};

macro_rules! keyed {
    ($map:ident, $key:ident, $count:expr, { $($variant:ident => $field:ident, $label:expr;)+ }) => {
        #[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[serde(rename_all = "snake_case")]
        pub enum $key { $($variant),+ }

        impl $key {
            pub const ALL: [$key; $count] = [$($key::$variant),+];
            pub const COUNT: usize = $count;

            /// Position in `ALL`, used to index flat tables in the simulation.
            pub fn index(self) -> usize { self as usize }

            /// The field name used in scenario files and validation paths.
            pub fn key(self) -> &'static str {
                match self { $($key::$variant => stringify!($field)),+ }
            }

            /// A planner-facing label.
            pub fn label(self) -> &'static str {
                match self { $($key::$variant => $label),+ }
            }
        }

        #[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
        #[serde(deny_unknown_fields)]
        pub struct $map<T> { $(pub $field: T),+ }

        impl<T> $map<T> {
            pub fn from_fn(mut f: impl FnMut($key) -> T) -> Self {
                $map { $($field: f($key::$variant)),+ }
            }
            pub fn get(&self, key: $key) -> &T {
                match key { $($key::$variant => &self.$field),+ }
            }
            pub fn get_mut(&mut self, key: $key) -> &mut T {
                match key { $($key::$variant => &mut self.$field),+ }
            }
            pub fn iter(&self) -> impl Iterator<Item = ($key, &T)> {
                $key::ALL.into_iter().map(move |k| (k, self.get(k)))
            }
            pub fn map<U>(&self, mut f: impl FnMut($key, &T) -> U) -> $map<U> {
                $map::from_fn(|k| f(k, self.get(k)))
            }
        }
    };
}

keyed!(PerModality, Modality, 4, {
    PersonalVehicle => personal_vehicles, "Personal vehicles";
    Truck => trucks, "Trucks";
    Bus => buses, "Buses";
    Pedestrian => pedestrians, "Pedestrians";
});

keyed!(PerContraband, Contraband, 5, {
    Currency => currency, "Currency";
    Firearms => firearms, "Firearms";
    Ammunition => ammunition, "Ammunition";
    Narcotics => narcotics, "Narcotics";
    Explosives => explosives, "Explosives";
});

keyed!(PerConcealment, Concealment, 3, {
    None => none, "Not concealed";
    Moderate => moderate, "Moderately concealed";
    Sophisticated => sophisticated, "Sophisticated concealment";
});

keyed!(PerBorder, Border, 2, {
    Southwest => southwest, "Southwest border";
    Northern => northern, "Northern border";
});

impl Contraband {
    /// Unit of the amount a carrier holds, as shown to planners.
    pub fn unit(self) -> &'static str {
        match self {
            Contraband::Currency => "USD",
            Contraband::Firearms => "firearms",
            Contraband::Ammunition => "rounds",
            Contraband::Narcotics => "kg",
            Contraband::Explosives => "kg",
        }
    }
}
